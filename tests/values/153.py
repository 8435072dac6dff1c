import numpy as np
x = np.array([2, 5, -3])
v = np.sum(x)
print(repr(v), str(v))
print([v, v])
print(sum([1, 2, 3]), abs(-3), max([1.5, 0.5]), bool(0))
