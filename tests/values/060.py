t = (1, (0.0, 0.3), [0.3])
d = {'k': [1, 2]}
d['k'].append(True)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
d = {}
d['lr'] = 7
d['W1'] = False
print(d, len(d))
print(d.values())
