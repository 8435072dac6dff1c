a = 1e-4
b = 3.0
print(a * b, -a, a % b, b ** 0.5)
