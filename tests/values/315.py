print(5e-324 * 1, 10 / 4, 100.0 / 7)
t = (1, ('dog', False), [-3])
d = {'k': [1, 2]}
d['k'].append(None)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
