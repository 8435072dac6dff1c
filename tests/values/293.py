print(round(3.7), round(0.5), round(1.5))
t = (1, (None, None), [5])
d = {'k': [1, 2]}
d['k'].append('hi there')
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
