import numpy as np
network = {}
network['W1'] = np.array([[2, -3], [-2, 0]])
network['b1'] = np.array([2, 2, 3])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
n = 0
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
