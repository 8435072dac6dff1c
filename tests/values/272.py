a = 0
b = -1
c = 1e20
print(a >= c, a < b, a == a == a, 1 < 2 < 3)
a = 0
b = 16
print((a - b) * 3, a // b, -a, 2 ** b)
print(type({}), type(1), isinstance(1.0, float), type(True))
