import numpy as np
x = np.array([2.0, 10.0, 0.0, 1.5])
v = x[0]
print(repr(v), str(v))
print([v, v])
a = -0.75
b = 0.3
print(a / b, 1 / b, a - b, a * b * 1.5)
