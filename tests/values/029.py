a, b, c = 'xyz'
x, y = c, a
print(a, b, c, x, y)
