import numpy as np
x = None
y = 255
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
a = 1.5
b = 3.0
print(a * 2, a * b, 1 / b, a / 3)
x = np.array([-3, 42])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
