print(False, 1.0, sep=', ', end='.\n')
a = 1e16
b = 7
print(a * b * 1.5, a // b, -a, 1 / b)
