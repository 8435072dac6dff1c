a = 6.02e23
b = 3.0
print(-a, b ** 2, a * b * 1.5, a / 3)
