import numpy as np
x = np.array([1.0])
print(type(np.sum(x)), x.shape, x * 2, len(x))
