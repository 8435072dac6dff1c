a = 255
b = -3
c = 12345.678
print(0 <= a <= 100, a != c, a <= b < c, a >= c)
a = 2
b = 100
c = 3.0
print(b > c != a, a >= c, a == b, c > a > b)
