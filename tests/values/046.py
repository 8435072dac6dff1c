import numpy as np
print(isinstance(True, int), type(1) == int, isinstance(1.5, (int, float)), isinstance(1, int))
a = np.array([255, 10, -8, 42, -8])
b = np.array([1000, -3])
print([[a], (b,)])
