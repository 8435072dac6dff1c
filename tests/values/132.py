a, b, c = range(1, 4)
x, y = c, a
print(a, b, c, x, y)
a, b, c = range(2, 5)
x, y = c, a
print(a, b, c, x, y)
