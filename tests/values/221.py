def scale(x, k=0.2, shift=0):
    return x * k + shift
print(scale(5), scale(2, 3), scale(1, shift=-8))
print(scale(1.5, k=2, shift=0.5))
t = (2.25, None, 7.125)
u = ()
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
