n = 2 ** 62
print(n, n - 1, n // 7)
net = {'a': 7.125, 'b': -2.0}
net['c'] = 0.2
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
