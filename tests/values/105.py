x = 12
y = -1
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
print(True, 10, end='!\n')
