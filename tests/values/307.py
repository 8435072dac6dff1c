n = 12345678901234567
print(n, n - 1, n // 7)
n = 0
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
n = -2 ** 62
print(n, n - 1, n // 7)
