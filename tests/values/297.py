import numpy as np
x = np.array([0.25])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
