n = 5
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
print(isinstance([], list), type(1.0), isinstance(True, int), isinstance(1, float))
