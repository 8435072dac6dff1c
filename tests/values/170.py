net = {'a': 7, 'b': 0.0}
net['c'] = -8
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
