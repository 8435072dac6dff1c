a = 2
b = 1
c = 1.5
print(a < b, a <= b < c, 3 > 2 > 5, b > c != a)
a = 1e20
b = 2.5
print(a - b, a * b * 1.5, a + b, a * 2)
x = None
y = -3
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
