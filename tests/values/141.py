import numpy as np
x = np.array([0.5])
print(x.ndim, x, x[0], x[-1])
