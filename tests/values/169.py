net = {'a': 42, 'b': 0.3}
net['c'] = -8
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
d = {}
d['lr'] = ''
d['acc'] = -1
print(d['lr'], d['acc'])
print(list(d.items()))
