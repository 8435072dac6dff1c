n = 1000
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
L = [-3, False, 0.001, 0.0]
L.append(255)
print(L, len(L), L[0], L[-1])
print(L + [1, 2], L * 2)
