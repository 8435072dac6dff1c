print(int(3.7), float(True), int(True), bool(2.5))
a = 42
b = -2
print((a - b) * 3, a ** 2, a + b, a / b)
print(round(7, -1), round(2.675, 2), round(2.5))
