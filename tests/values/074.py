a = -3
b = 7
print(a - b, b ** 3, a + b, (a - b) * 3)
