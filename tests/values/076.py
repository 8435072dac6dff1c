import numpy as np
r = range(1, 4, 1)
print(list(r), len(r), list(range(5)))
print(range(4), list(range(4, 1, -1)))
a = np.array([-2.0])
b = np.array([0.25, 1.0, 2.0, 2.0])
print([a, b])
