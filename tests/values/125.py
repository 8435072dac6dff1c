print(round(2.25, 1), round(1.5), round(2.5))
net = {'a': 0.1, 'b': 42}
net['c'] = 1
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
