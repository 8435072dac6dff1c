print(3.14159 * 2, 0.1 + 0.2)
a = 255
b = -2
print(a / b, a + b, a ** 2, a - b)
a = 5
b = 1
print(2 ** b, abs(a - b), a / b + 1, b ** 3)
