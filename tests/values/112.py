print(str(1.0), repr(1.5), str([0.1, None]), str(True))
print('n=' + str(0.001) + ';')
x = None
y = 12
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
