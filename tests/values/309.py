print(isinstance(1, int), type(True), type(2.0) is float, isinstance(True, int))
n = 1000
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print('nn', 1.0, 'py', sep='-')
