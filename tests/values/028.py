import numpy as np
x = np.array([12])
print(np.max(x) * 0.5, np.argmax(x), x / 2, np.max(x))
d = {}
d['W1'] = 12
d['x'] = 1
print('W1' in d, 'zz' in d)
print(d.items())
n = 255
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
