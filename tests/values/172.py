import numpy as np
x = np.array([0.1])
v = x
print(repr(v), str(v))
print([v, v])
