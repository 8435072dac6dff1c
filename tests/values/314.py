import numpy as np
x = np.array([1, 7, -8])
print(x[-1], x, type(x), x.dtype)
