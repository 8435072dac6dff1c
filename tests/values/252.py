L = [True, False, True]
M = L
M.append(False)
L[0] = 10
t = (L, 0.3)
print(L, M, t, t[0][0], len(t[0]))
L = []
M = L
M.append(1000)
L[0] = 3.0
t = (L, 'dog')
print(L, M, t, t[0][0], len(t[0]))
