t = (0, -8, -8)
u = (-1,)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
