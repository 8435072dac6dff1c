L = ["it's", 1, 'dog']
L.append(7)
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
n = 3
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
