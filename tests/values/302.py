import numpy as np
x = np.array([0.25, 0.0])
c = {'s': np.sum(x), 'n': len(x)}
print(c)
print(len(c), type(c))
print(int('12'), float('1.5'), max([1.5, 0.5]), abs(True))
a = 0.5
b = 0.3
print(-a, b ** 0.5, a + 1, a * 2)
