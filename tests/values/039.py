import numpy as np
print(type(1) == int, type('a'), type(range(2)), isinstance(True, int))
a = 1
b = 100
c = 7
print(3 > 2 > 5, c > a > b, a == a == a, a <= b < c)
x = np.array([0.1, 1.5, 3.25, 10.0])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
