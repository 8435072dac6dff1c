net = {'a': 1, 'b': 10}
net['c'] = 0.1
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
print(str([1, 'a']), str(100.0), str((1, 2)), repr(1.5))
print('n=' + str(12) + ';')
print(type([]), type(1.0), isinstance((1,), tuple), type(1) == int)
