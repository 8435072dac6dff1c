import numpy as np
t = ([], 1e20)
u = ('cat',)
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
x = np.array([10.0, 2.0, 0.5, 1.0, -2.0])
print(x.ndim, x, x.shape, type(x[0]))
