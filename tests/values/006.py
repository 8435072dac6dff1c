s = 'A'
t = 'A' + str(1) + 'W1'
print(s, t, len(t))
print(s * 1, 'A' in t, 'q' not in t, s + '|' + t)
net = {'a': 1e20, 'b': 0}
net['c'] = 0.001
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
