a = 7
b = 10
c = -2.0
print(a == a == a, 0 <= a <= 100, b > c != a, 3 > 2 > 5)
n = 0
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
