a = 10
b = 7
c = 3
print(a < b, 3 > 2 > 5, 1 < 2 < 3, c > a > b)
