t = (1, ([1000], 10), [2.25])
d = {'k': [1, 2]}
d['k'].append(12)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
net = {'a': 2, 'b': 6.02e23}
net['c'] = 1e-05
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
