import numpy as np
s = 'cat'
t = 'cat' + str(1e-4) + 'a'
print(s, t, len(t))
print(s * 0, 'cat' in t, 'q' not in t, s + '|' + t)
x = np.array([-3, 42])
print(x / 2, np.sum(x) + 1, np.max(x) * 0.5, x[-1])
