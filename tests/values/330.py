L = []
M = L
M.append(12)
L[0] = None
t = (L, None)
print(L, M, t, t[0][0], len(t[0]))
print(type('a'), type(None), isinstance({}, dict), type(()))
