a = -8
b = 16
print(a ** 2, 2 ** b, b ** 3, a - b)
net = {'a': 1.5, 'b': -1}
net['c'] = 7
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
print(round(-2.5), round(-0.4), round(0.125, 2))
