n = 2 ** 62
print(n, n - 1, n // 7)
t = ([], 2.5e-7, [100, 7])
u = (None,)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
