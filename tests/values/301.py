a = 6.02e23
b = 4
print(a + b, a - b, a * b, a % b)
