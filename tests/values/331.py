import numpy as np
a = np.array([[0, 0]])
b = np.array([2, 100, 10, 255])
print((a, [b]))
