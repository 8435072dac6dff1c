d = {}
d['lr'] = 3.0
d['W1'] = 'hi there'
print('lr' in d, 'zz' in d)
print(list(d.items()))
