x = 0
y = False
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
