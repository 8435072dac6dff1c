t = ('layer', [], 12)
u = (False, [], 3.0)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
