print(str(1e20), str(1 / 3), str([1, 'a']), str(1.0))
print('n=' + str(0.5) + ';')
n = 1
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
