net = {'a': 12345.678, 'b': 10}
net['c'] = 0.0
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
a = -3
b = 42
c = 1
print(1 < 2 < 3, 0 <= a <= 100, 3 > 2 > 5, a == b)
