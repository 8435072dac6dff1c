print(str([0.1, None]), str((1, 2)), str([1, 'a']), str(1e20))
print('n=' + str(2) + ';')
a = 12345.678
b = 0.3
print(a / b, a + b, a - b, a % b)
