import numpy as np
x = np.array([-1, -8, 42, 42])
c = [x[0]]
print(c)
print(len(c), type(c))
t = (12, True, True)
u = ([], [-3, 2])
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
a = 7.125
b = -1.5
print(a - b, a * b, a // b, b)
