import numpy as np
r = range(3, 3, 1)
print(list(r), len(r), list(range(0)))
print(range(3), list(range(3, 3, -1)))
x = np.array([0.25, 2.0, -2.0, 0.5, 0.1])
print(x + 1, len(x), x.shape, x / 2)
