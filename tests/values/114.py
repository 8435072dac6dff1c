print(str([1, 'a']), str(()), str(1.0), str(1 / 3))
print('n=' + str(2) + ';')
a = 100.0
b = 0.3
print(a + 1, a / b, b ** 2, a / 3)
