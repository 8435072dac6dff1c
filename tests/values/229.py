import numpy as np
x = np.array([5, -1, 7, 255, 2])
print(x * 2, type(np.sum(x)), x + 1, x)
