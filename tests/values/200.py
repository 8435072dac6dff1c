import numpy as np
x = np.array([10.0])
print(x[0] * 2, -x[0], type(x[0] * 2), x[0] / 2)
n = 2
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
