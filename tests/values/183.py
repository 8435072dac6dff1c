a = -1
b = 2
print(a + b, abs(a - b), 2 ** b, a / b)
