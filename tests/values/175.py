net = {'a': 0.0, 'b': -3}
net['c'] = 0
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
L = [-3, None, [5, 42], 6.02e23]
L.append(False)
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
