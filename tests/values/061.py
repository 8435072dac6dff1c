print(0.1 + 0.2, 7 / 7, 2 / 3, 2 ** 0.5)
a = 10
b = 5
c = 12
print(a == b, c > a > b, a >= c, 1 < 2 < 3)
n = 0
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
