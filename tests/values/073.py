a = 10
b = 12
c = 1.0
print(a == b, a < b < c, a >= c, a == a == a)
