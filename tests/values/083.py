import numpy as np
x = np.array([10.0, -2.0, 1.5, 0.25, 1.5])
v = np.sum(x)
print(repr(v), str(v))
print([v, v])
print(type({}), type(True), type([]), type(1) == int)
