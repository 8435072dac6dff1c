import numpy as np
r = range(0, 1, 1)
print(list(r), len(r), list(range(0)))
print(range(1), list(range(1, 0, -1)))
x = np.array([0, 3])
v = x[0]
print(repr(v), str(v))
print([v, v])
