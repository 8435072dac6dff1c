import numpy as np
n = 100
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
x = np.array([[-3, 1], [2, -1]])
print(x.shape[0], str(x.dtype), x[0] ** 2, -x[0])
print(round(3.14159, 2), round(-2.5), round(123.456))
