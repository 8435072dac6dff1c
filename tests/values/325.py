print(sum([True, True]), sum([1, 2, 3]), abs(-3), min(2.5, 1))
x = 2.25
y = 2.25
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
