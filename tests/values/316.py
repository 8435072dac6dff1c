import numpy as np
t = (-1, 5)
u = (-0.75, 'b2')
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
a, b, c = range(0, 3)
x, y = c, a
print(a, b, c, x, y)
a = np.array([[7], [3]])
b = np.array([0, -8, 1, 0])
print({'a': a, 'b': b})
