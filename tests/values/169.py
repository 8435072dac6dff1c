d = {}
d['lr'] = True
d['b1'] = 255
print('lr' in d, 'zz' in d)
print(d.keys())
