d = {}
d['W1'] = None
d['acc'] = 3
print('W1' in d, 'zz' in d)
print(d.items())
a = 123.456
b = 0.3
print(b ** 2, a % b, a + b, -a)
