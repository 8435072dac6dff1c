L = [10, 10, None]
M = L
M.append(-8)
L[0] = 1000
t = (L, [])
print(L, M, t, t[0][0], len(t[0]))
