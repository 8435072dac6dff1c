a = -3
b = 2
c = 1000
print(c > a > b, a == a == a, a < b < c, 0 <= a <= 100)
n = 5
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
