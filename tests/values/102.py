x = -3
y = 'W1'
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
a = 255
b = 255
c = 1.0
print(a < b < c, a != c, a < b, a <= b < c)
a = 1e-05
b = 3.0
print(b ** 2, b ** 0.5, a % b, a // b)
