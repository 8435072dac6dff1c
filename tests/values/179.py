t = (1, (None, 0), [3.0])
d = {'k': [1, 2]}
d['k'].append('a')
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
