t = ([], [100, 2, 12], 1e16)
u = ()
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
