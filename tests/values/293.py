a = 10
b = 12
c = 10
print(a != c, b > c != a, a >= c, 3 > 2 > 5)
r = range(4, 8, 2)
print(list(r), len(r), list(range(2)))
print(range(8), list(range(8, 4, -1)))
print(str(()), repr("it's"), str(None), str(2.5e-7))
print('n=' + str(3.0) + ';')
