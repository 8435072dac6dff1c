a = 42
b = -2
print(a - b, a * b, a + b * 2, a // b)
d = {}
d['b1'] = 7.125
d['name'] = 12
print(d, len(d))
print(d.keys())
