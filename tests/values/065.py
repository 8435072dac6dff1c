n = 2 ** 62
print(n, n - 1, n // 7)
print(str((1, 2)), str(-3), str(100.0), repr('a'))
print('n=' + str(10) + ';')
