n = 3 ** 39
print(n, n - 1, n // 7)
a = -8
b = 1
print(a // b, a / b + 1, a ** 2, a - b)
