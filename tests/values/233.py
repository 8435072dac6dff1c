import numpy as np
s = 'py'
t = 'py' + str(12) + 'b'
print(s, t, len(t))
print(s * 3, 'py' in t, 'q' not in t, s + '|' + t)
x = np.array([[3.0, -2.0], [1.5, -2.0], [0.1, 1.5]])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
