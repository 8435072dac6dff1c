import numpy as np
x = np.array([0.0, 0.1, 1.5, 1.5, -2.0])
print(abs(x[-1]), bool(np.argmax(x)), x[0] + x[-1], x.shape[0])
a = np.array([12, 7, 3, 7, 10])
b = np.array([0.5])
print([a * 2, b / 2])
