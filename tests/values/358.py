a = 12
b = -2
print(a % b, a // b, abs(a - b), a / b)
