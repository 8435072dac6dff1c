a = -0.75
b = -1.5
print(a + 1, a - b, a / 3, b ** 2)
