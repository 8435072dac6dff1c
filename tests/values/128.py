net = {'a': -0.75, 'b': 0.0}
net['c'] = 6.02e23
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
