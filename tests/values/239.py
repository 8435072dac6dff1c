import numpy as np
print(isinstance('a', str), isinstance('a', (int, list)), isinstance(1.5, (int, float)), type(True))
x = np.array([0, -1])
print(len(x), x[-1], x, x.dtype)
