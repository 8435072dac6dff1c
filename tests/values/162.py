L = []
M = L
M.append(100)
L[0] = [-3, -1, -3]
t = (L, True)
print(L, M, t, t[0][0], len(t[0]))
n = 3 ** 39
print(n, n - 1, n // 7)
t = (123.456, 7, 255)
u = ()
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
