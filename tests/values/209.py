import numpy as np
print(bool(2.5), min([4, 2, 8]), max(-1, -1.5), max(2, 7, 5))
x = np.array([[-2, -4], [1, 3], [-3, 1]])
print(x[0], type(x[0]), x, x[-1])
