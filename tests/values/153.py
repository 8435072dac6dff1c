import numpy as np
a = -2.0
b = 0.3
print(a * 2, -a, a // b, a * b * 1.5)
network = {}
network['W1'] = np.array([7, 0, -1])
network['b1'] = np.array([0.5, 1.0, 3.25, 0.0, 0.0])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
