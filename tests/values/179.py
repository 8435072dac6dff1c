import numpy as np
print(2 ** -1, 10 / 4, 2 / 3)
x = np.array([-1])
print(type(x[0]), x.shape, x.ndim, np.max(x))
n = 12
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
