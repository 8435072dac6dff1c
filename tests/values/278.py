import numpy as np
x = np.array([1.5, 1.0])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
