a = 0.3
b = 4
print(b ** 2, a + 1, a * b * 1.5, a / 3)
