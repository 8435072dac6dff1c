print(sum([1, 2, 3]), sum([0.1, 0.2]), min([4, 2, 8]), bool([]))
L = []
M = L
M.append(100.0)
L[0] = 100
t = (L, 3)
print(L, M, t, t[0][0], len(t[0]))
