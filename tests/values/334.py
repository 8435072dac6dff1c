net = {'a': 100.0, 'b': 0.5}
net['c'] = 0.0
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
