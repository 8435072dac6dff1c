net = {'a': 1e-05, 'b': -8}
net['c'] = 1.5
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
