import numpy as np
a = 2
b = 0
c = 12345.678
print(a <= b < c, 0 <= a <= 100, a < b < c, 1 < 2 < 3)
x = np.array([2.0, 10.0, 2.0])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
