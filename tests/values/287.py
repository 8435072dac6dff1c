import numpy as np
network = {}
network['W1'] = np.array([[3.0, 3.0, 1.5]])
network['b1'] = np.array([1.0, 0.5, -2.0, 0.1, 1.0])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
a = -3
b = 3
print(a - b, a // b, b ** 3, 2 ** b)
