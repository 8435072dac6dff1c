n = -8
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
L = [False]
M = L
M.append(255)
L[0] = 2.5e-7
t = (L, False)
print(L, M, t, t[0][0], len(t[0]))
