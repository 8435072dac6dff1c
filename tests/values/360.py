a = 0
b = 7
c = 100.0
print(a == a == a, a == b, 0 <= a <= 100, c > a > b)
