print(False, 1.0, 2, sep='')
n = 2 ** 62
print(n, n - 1, n // 7)
