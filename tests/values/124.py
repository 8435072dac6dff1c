a = 2.25
b = 0.1
print(a * 2, a * b * 1.5, 1 / b, a + 1)
