a = 3
b = 1
c = 12
print(a != c, a < b < c, 1 < 2 < 3, c > a > b)
r = range(0, 3, 1)
print(list(r), len(r), list(range(3)))
print(range(3), list(range(3, 0, -1)))
