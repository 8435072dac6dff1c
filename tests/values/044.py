n = -2 ** 62
print(n, n - 1, n // 7)
r = range(0, 7, 3)
print(list(r), len(r), list(range(4)))
print(range(7), list(range(7, 0, -1)))
print(isinstance('a', str), type({}), isinstance(True, int), isinstance(1, int))
