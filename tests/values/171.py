a = 100
b = -8
c = 0.0
print(3 > 2 > 5, a < b, a <= b < c, 1 < 2 < 3)
print(round(3.7), round(1234, -2), round(7, -1))
