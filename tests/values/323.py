import numpy as np
a = np.array([10.0])
b = np.array([3.25, 2.0])
print([a, b])
