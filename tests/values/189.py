import numpy as np
t = ([], 100)
u = (10, False)
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
x = np.array([[-1, -3, 7]])
print(x / 2, type(np.sum(x)), x.shape, np.max(x))
