print(str(100.0), str([1, 'a']), str(()), str((1, 2)))
print('n=' + str(42) + ';')
n = 3
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
a = 10
b = -1
c = 5
print(a < b < c, a == b, a < b, a <= b < c)
