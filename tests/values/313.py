a = 1e-4
b = 0.1
print(-a, b ** 2, a * 2, a + b)
a = 2
b = 5
c = -1
print(a != c, a >= c, a == b, a < b < c)
