n = 2 ** 62
print(n, n - 1, n // 7)
print(str(0.1), str(1.0), str([1, 'a']), str(-3))
print('n=' + str(1) + ';')
a = 7.125
b = 0.3
print(b ** 0.5, a / b, a * b, 1 / b)
