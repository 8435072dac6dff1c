d = {}
d['x'] = 'nn'
d['acc'] = 1e-05
print(d, len(d))
print(d.items())
