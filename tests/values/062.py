d = {}
d['lr'] = 1e20
d['b1'] = 'hi there'
print('lr' in d, 'zz' in d)
print(list(d.items()))
