a = 1000
b = 5
c = 1.0
print(a == a == a, a == b, a < b, b > c != a)
