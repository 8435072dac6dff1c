import numpy as np
x = np.array([-8, -3, 12, 10])
v = x[0]
print(repr(v), str(v))
print([v, v])
print(5e-324 * 1, 1.0 * 1e15, 1e300 * 10)
