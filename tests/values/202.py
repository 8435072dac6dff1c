a = 5
b = 2
c = 7
print(b > c != a, a != c, a == a == a, c > a > b)
