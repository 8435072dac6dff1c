n = 3 ** 39
print(n, n - 1, n // 7)
print(0, end='!\n')
