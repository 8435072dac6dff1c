print(str(1e20), str(-3), str((1, 2)), str(100.0))
print('n=' + str(10) + ';')
x = 'layer'
y = 12
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
a = 1
b = -8
c = 1
print(1 < 2 < 3, 0 <= a <= 100, a == a == a, a <= b < c)
