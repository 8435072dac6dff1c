a = 0.001
b = 0.3
print(a + b, a / b, a - b, a / 3)
