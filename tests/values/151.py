import numpy as np
net = {'a': 1e-05, 'b': 2.5e-7}
net['c'] = 12345.678
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
x = np.array([[-1, 5, -4]])
print(x, x[-1], x + 1, np.max(x))
