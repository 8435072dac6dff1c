a, b, c = (2, 2.5, 'c')
x, y = c, a
print(a, b, c, x, y)
t = (1, (None, None), [True])
d = {'k': [1, 2]}
d['k'].append('dog')
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
