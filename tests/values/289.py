print(None, sep='')
t = (1, (0, '0.5'), ['Z'])
d = {'k': [1, 2]}
d['k'].append('nn')
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
