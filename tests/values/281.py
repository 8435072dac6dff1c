x = 'b2'
y = 255
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
