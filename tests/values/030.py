a = 2.5e-7
b = 2.5
print(a / b, a / 3, a + 1, 1 / b)
print(isinstance('a', str), type(range(2)), type(True), isinstance([], list))
d = {}
d['b1'] = []
d['name'] = -3
print(d['b1'], d['name'])
print(d.items())
