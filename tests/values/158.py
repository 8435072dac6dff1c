import numpy as np
print(0.5 ** 10, 1e-5 * 3, 7 / 7)
x = np.array([0.25, 0.1, 10.0, 3.25])
print(x.dtype, x.ndim, np.max(x) * 0.5, np.sum(x) + 1)
