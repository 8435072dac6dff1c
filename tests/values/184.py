t = (1, (12, 42), [-8])
d = {'k': [1, 2]}
d['k'].append(10)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
a, b, c = (0, 2.5, 'c')
x, y = c, a
print(a, b, c, x, y)
