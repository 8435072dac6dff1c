print(round(1234, -2), round(-0.4), round(5))
L = []
M = L
M.append(7)
L[0] = None
t = (L, False)
print(L, M, t, t[0][0], len(t[0]))
