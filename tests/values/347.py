L = [12, 12, -1]
M = L
M.append([42])
L[0] = 5
t = (L, 255)
print(L, M, t, t[0][0], len(t[0]))
print(None, 42, None, 12, sep='-')
