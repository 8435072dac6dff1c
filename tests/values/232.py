import numpy as np
x = np.array([0.5, -2.0])
print(np.sum(x) + 1, x[-1], x, x / 2)
