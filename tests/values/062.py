t = (None, [255])
u = (1000, True)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
