t = (None, 1, False)
u = ()
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
