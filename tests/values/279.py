import numpy as np
x = np.array([255, 10, 5, 12, 255])
v = np.sum(x)
print(repr(v), str(v))
print([v, v])
