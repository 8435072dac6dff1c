print(round(7, -1), round(3.14159, 2), round(-0.4))
a = 10
b = 5
c = 100.0
print(b > c != a, a < b < c, 1 < 2 < 3, a == a == a)
