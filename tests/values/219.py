import numpy as np
print(sum(range(5)), int(-3.9), bool(2.5), sum([True, True]))
a = 100.0
b = 0.3
print(b ** 0.5, a / 3, a * b, a % b)
x = np.array([[-1, -1, -4]])
c = {'W': x, 'b': [1, 2]}
print(c)
print(len(c), type(c))
