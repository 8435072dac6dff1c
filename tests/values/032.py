t = (None, 3.0)
u = (0,)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
a = 10
b = -3
print((a - b) * 3, -a, b ** 3, a / b + 1)
