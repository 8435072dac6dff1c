import numpy as np
x = np.array([5, 1, 12, 10])
v = np.sum(x)
print(repr(v), str(v))
print([v, v])
