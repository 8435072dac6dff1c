L = [2.25, 100]
M = L
M.append(False)
L[0] = []
t = (L, [12, 1000, 2])
print(L, M, t, t[0][0], len(t[0]))
print(type(2.0) is float, isinstance(1, float), type([]), type(()))
