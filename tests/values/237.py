print(1.0 * 1e16, 1.0 * 1e15, 10 / 4)
a = 6.02e23
b = -1.5
print(b ** 2, b, a / b, a - b)
print(int(3.7), bool(''), int('12'), sum([1, 2, 3]))
