a = 7
b = -2
print(a ** 2, a * b, -a, a - b)
