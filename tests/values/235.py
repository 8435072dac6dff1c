import numpy as np
x = np.array([[3.0, 0.1, 3.0], [1.5, 1.5, -2.0]])
print(x[0] ** 2, abs(x[-1]), str(x.dtype), int(np.max(x)))
x = np.array([1, 5, 100, 2, 0])
c = {'s': np.sum(x), 'n': len(x)}
print(c)
print(len(c), type(c))
