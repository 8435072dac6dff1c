x = 0.3
y = False
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
L = [[0, 255, -8], 5]
M = L
M.append('Z')
L[0] = 1e20
t = (L, -2.0)
print(L, M, t, t[0][0], len(t[0]))
