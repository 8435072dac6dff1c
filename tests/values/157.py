x = 1e-4
y = 0.2
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
