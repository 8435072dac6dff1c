import numpy as np
x = np.array([[-5, 3, 7], [7, 0, 6]])
print(x + 1, x, type(x[0]), x[0])
