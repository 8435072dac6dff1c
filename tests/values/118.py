import numpy as np
a = 100
b = 5
print(a // b, -a, a - b, 2 ** b)
a = np.array([[-4], [-2], [-5]])
b = np.array([3.25, 0.0, 0.0])
print([a, b])
x = np.array([2.0, 1.0, 2.0, -2.0])
print(-x[0], round(float(x[0])), x.shape[0], abs(x[-1]))
