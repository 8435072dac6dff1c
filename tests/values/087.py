a, b, c = (1, 2.5, 'c')
x, y = c, a
print(a, b, c, x, y)
