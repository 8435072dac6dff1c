d = {}
d['acc'] = [12, 5]
d['name'] = [0, 7, 1]
print('acc' in d, 'zz' in d)
print(d.keys())
n = 2
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
print(100.0 / 7, 3.14159 * 2, 1 / 3, 123456789.0 * 1000, 3.14159 * 2)
