x = None
y = 7
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
net = {'a': 6.02e23, 'b': 2.5e-7}
net['c'] = 1e20
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
