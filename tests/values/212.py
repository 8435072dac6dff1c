net = {'a': 123.456, 'b': 0.3}
net['c'] = 255
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
a = 100
b = 0
c = 1e16
print(1 < 2 < 3, c > a > b, a >= c, a == b)
