print(str(2.5e-7), str(1 / 3), repr(1.5), str(-3))
print('n=' + str(1e20) + ';')
n = 10 ** 18
print(n, n - 1, n // 7)
x = 7
y = -8
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
