import numpy as np
x = np.array([1, 12, -3, 0, 7])
print(x + 1, x.shape, x[0], np.max(x))
x = np.array([1])
print(type(x[0]), len(x), x[0], type(x))
