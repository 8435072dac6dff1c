t = (1, (None, -3), [255])
d = {'k': [1, 2]}
d['k'].append(7)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
L = ['b2']
M = L
M.append('layer')
L[0] = 255
t = (L, None)
print(L, M, t, t[0][0], len(t[0]))
