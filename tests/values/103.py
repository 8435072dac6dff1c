import numpy as np
a = np.array([2.0, 0.0])
b = np.array([0.0, 0.1, 0.25, 10.0])
print([a * 2, b / 2])
a = 1.0
b = 0.3
print(a + b, a / 3, a * 2, b ** 2)
