a = 42
b = 9
print(a + b, a % b, a ** 2, -a)
n = 3 ** 39
print(n, n - 1, n // 7)
n = 100
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
