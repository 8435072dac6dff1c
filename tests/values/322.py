L = ['cat', 10, 7.125]
M = L
M.append(True)
L[0] = 3
t = (L, 'layer')
print(L, M, t, t[0][0], len(t[0]))
