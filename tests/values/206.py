a = 0.1
b = 7
print(a / 3, a - b, a + b, 1 / b)
