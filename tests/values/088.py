net = {'a': 255, 'b': 1e16}
net['c'] = 1e-4
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
