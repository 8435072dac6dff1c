import numpy as np
x = np.array([0.25, 0.5, 0.25, 1.0])
c = (x.shape, x.ndim)
print(c)
print(len(c), type(c))
