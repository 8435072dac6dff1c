L = []
M = L
M.append(True)
L[0] = 'hi there'
t = (L, 'layer')
print(L, M, t, t[0][0], len(t[0]))
