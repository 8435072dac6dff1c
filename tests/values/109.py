import numpy as np
x = np.array([10.0])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
x = np.array([3])
print(x[0] == x[0], -x[0], np.sum(x) / 4, x[0] + x[-1])
