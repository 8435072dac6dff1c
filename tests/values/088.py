a = 42
b = 9
print(-a, a * b, 2 ** b, a % b)
net = {'a': 1, 'b': 1e16}
net['c'] = 7
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
