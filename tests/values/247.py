import numpy as np
network = {}
network['W1'] = np.array([0.0, 0.0])
network['b1'] = np.array([1.0, 0.25])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
n = 0
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
