import numpy as np
x = np.array([255, 42])
print(type(np.sum(x)), x.dtype, x / 2, x[0])
