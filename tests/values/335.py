import numpy as np
s = 'b2'
t = 'b2' + str(-2.0) + 'x'
print(s, t, len(t))
print(s * 1, 'b2' in t, 'q' not in t, s + '|' + t)
x = 1e-05
y = False
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
a = np.array([12, -1])
b = np.array([10, 7])
print([[a], (b,)])
