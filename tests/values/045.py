net = {'a': 123.456, 'b': 1.0}
net['c'] = 1e-4
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
print(type('a'), isinstance(1.5, (int, float)), isinstance(1, float), isinstance('a', (int, list)))
x = []
y = True
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
