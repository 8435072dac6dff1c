r = range(2, 6, 2)
print(list(r), len(r), list(range(5)))
print(range(6), list(range(6, 2, -1)))
n = -1
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
