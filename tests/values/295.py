net = {'a': 0, 'b': 0.001}
net['c'] = 12
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
