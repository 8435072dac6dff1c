import numpy as np
x = np.array([5, 0])
print(x[0] * 2, x[0] ** 2, -x[0], type(x[0] * 2))
s = 'x'
t = 'x' + str(-3) + "it's"
print(s, t, len(t))
print(s * 2, 'x' in t, 'q' not in t, s + '|' + t)
x = np.array([0.0, 0.5, 0.0, 1.0])
v = np.sum(x)
print(repr(v), str(v))
print([v, v])
