import numpy as np
x = np.array([1, 1, 5])
print(x, type(x), np.sum(x) + 1, x.ndim)
print(str(-3), repr('a'), str(0.1), str(1e20))
print('n=' + str(0) + ';')
print(1 / 3, 3.14159 * 2, 0.1 + 0.2, 100.0 / 7)
