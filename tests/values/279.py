import numpy as np
x = np.array([-8, -8, 7])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
s = 'layer'
t = 'layer' + str(3) + 'Z'
print(s, t, len(t))
print(s * 0, 'layer' in t, 'q' not in t, s + '|' + t)
n = 2 ** 62
print(n, n - 1, n // 7)
