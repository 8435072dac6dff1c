a = 0
b = 5
print(abs(a - b), (a - b) * 3, a / b + 1, a // b)
print(round(1e-05, 1), round(-2.5), round(2.5))
