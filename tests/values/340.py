t = (True, 12, 0.1)
u = ()
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
L = [-8]
M = L
M.append('py')
L[0] = 1
t = (L, 0.0)
print(L, M, t, t[0][0], len(t[0]))
