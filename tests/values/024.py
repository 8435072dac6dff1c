import numpy as np
net = {'a': 1000, 'b': 100.0}
net['c'] = 7
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
x = np.array([[-4, 7]])
c = (x, np.sum(x))
print(c)
print(len(c), type(c))
