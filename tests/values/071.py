import numpy as np
x = np.array([3.25, 0.25, 1.0, -2.0])
c = {'s': np.sum(x), 'n': len(x)}
print(c)
print(len(c), type(c))
s = 'a'
t = 'a' + str(0.3) + 'py'
print(s, t, len(t))
print(s * 2, 'a' in t, 'q' not in t, s + '|' + t)
