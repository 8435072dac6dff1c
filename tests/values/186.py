a = 42
b = 1
c = 1
print(a == b, 0 <= a <= 100, a < b < c, a == a == a)
