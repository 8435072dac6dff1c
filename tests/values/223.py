a = 100.0
b = 2.5
print(a - b, a / b, a * 2, a * b * 1.5)
a, b, c = [2, 'b', None]
x, y = c, a
print(a, b, c, x, y)
