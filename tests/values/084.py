a, b, c = (1, 2.5, 'c')
x, y = c, a
print(a, b, c, x, y)
d = {}
d['x'] = None
d['acc'] = -3
print('x' in d, 'zz' in d)
print(d.keys())
