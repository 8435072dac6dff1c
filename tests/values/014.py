import numpy as np
x = np.array([0.0, 10.0])
print(x / 2, len(x), x.ndim, type(x))
