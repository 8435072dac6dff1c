a = 0.2
b = 2.5
print(a + b, a - b, a + 1, a / 3)
