r = range(3, 7, 2)
print(list(r), len(r), list(range(1)))
print(range(7), list(range(7, 3, -1)))
a, b, c = [2, 'b', None]
x, y = c, a
print(a, b, c, x, y)
a = 0.0
b = -1.5
print(a - b, b ** 2, a % b, b)
