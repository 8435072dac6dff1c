print(isinstance((1,), tuple), isinstance([], list), isinstance(1, int), type(1.0))
n = 12345678901234567
print(n, n - 1, n // 7)
