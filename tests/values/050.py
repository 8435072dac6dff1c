n = 2 ** 62
print(n, n - 1, n // 7)
print(type(1) == int, isinstance(True, int), type({}), type(1.0))
