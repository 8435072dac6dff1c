net = {'a': 0, 'b': 1e-4}
net['c'] = 0.001
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
d = {}
d['acc'] = False
d['x'] = 100.0
print(d['acc'], d['x'])
print(d.items())
