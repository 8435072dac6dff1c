d = {}
d['lr'] = 'b'
d['acc'] = True
print('lr' in d, 'zz' in d)
print(d.values())
