import numpy as np
x = np.array([[1.5], [3.0], [3.0]])
print(np.max(x) * 0.5, type(x), x / 2, np.max(x))
L = [True, 42]
L.append(1.5)
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
n = 1
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
