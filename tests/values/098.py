a = -3
b = 12
c = 2.5e-7
print(a < b < c, 0 <= a <= 100, a == a == a, 1 < 2 < 3)
