L = []
M = L
M.append(True)
L[0] = -2.0
t = (L, [100])
print(L, M, t, t[0][0], len(t[0]))
