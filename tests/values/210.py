import numpy as np
x = np.array([10, -8, -1, 7])
v = x
print(repr(v), str(v))
print([v, v])
