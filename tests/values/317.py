net = {'a': 0.0, 'b': 255}
net['c'] = 1000
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
a = 7
b = -3
c = 1.5
print(b > c != a, a == b, a < b, a == a == a)
