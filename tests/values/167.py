a = -0.75
b = 0.1
print(a * b, a * b * 1.5, 1 / b, a * 2)
