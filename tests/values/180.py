import numpy as np
x = np.array([2])
v = x[0]
print(repr(v), str(v))
print([v, v])
