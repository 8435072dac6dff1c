a = 1
b = 3
c = 1e16
print(0 <= a <= 100, 1 < 2 < 3, a < b, b > c != a)
