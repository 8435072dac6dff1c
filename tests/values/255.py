print(min(2.5, 1), max([1.5, 0.5]), float(2), abs(-3))
a = 1e16
b = 4
print(a % b, a + b, a / 3, a * b)
print(repr('a'), repr("it's"), str([0.1, None]), str(None))
print('n=' + str(-2.0) + ';')
