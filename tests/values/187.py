a = -3
b = 3
c = 12
print(1 < 2 < 3, a >= c, a < b, a == a == a)
print('nn', 1e-05, end='')
r = range(2, 8, 3)
print(list(r), len(r), list(range(3)))
print(range(8), list(range(8, 2, -1)))
