print(repr('a'), repr("it's"), str(-3), str((1, 2)))
print('n=' + str(7) + ';')
x = -1
y = "it's"
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
print(str(2.5e-7), str(0.1), str(1 / 3), str(()))
print('n=' + str(3) + ';')
