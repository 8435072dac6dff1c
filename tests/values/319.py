import numpy as np
a = 12
b = -2
print(2 ** b, -a, a // b, a / b)
x = np.array([255, -1, 1])
v = x
print(repr(v), str(v))
print([v, v])
