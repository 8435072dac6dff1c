t = (1, (5, False), [1000])
d = {'k': [1, 2]}
d['k'].append(0)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
