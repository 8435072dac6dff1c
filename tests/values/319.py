import numpy as np
print(0.1 * 3, 1.0 * 1e16, 1.1 + 2.2, 5e-324 * 1)
a = np.array([[-2.0, 0.1, 0.1]])
b = np.array([1000, -1, 10, 42])
print([a * 2, b / 2])
