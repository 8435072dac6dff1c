net = {'a': -0.75, 'b': 0.2}
net['c'] = -8
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
