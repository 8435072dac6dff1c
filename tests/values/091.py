n = -8
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
print(round(7, -1), round(0.125, 2), round(2.675, 2))
