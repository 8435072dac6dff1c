x = 2
y = False
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
net = {'a': 7, 'b': 100}
net['c'] = 0.0
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
