t = (1, (1e20, False), [[-1]])
d = {'k': [1, 2]}
d['k'].append([0, 255, 10])
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
L = [None, 'A', False]
M = L
M.append(1e-4)
L[0] = []
t = (L, [-3, 10])
print(L, M, t, t[0][0], len(t[0]))
