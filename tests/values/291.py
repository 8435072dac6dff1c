a = -8
b = 7
c = 255
print(1 < 2 < 3, c > a > b, a >= c, a == b)
