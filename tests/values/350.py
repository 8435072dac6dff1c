import numpy as np
a = 1.0
b = 3.0
print(a * b * 1.5, a - b, 1 / b, a / b)
network = {}
network['W1'] = np.array([10, 1000, 10, 3, 5])
network['b1'] = np.array([1000, 1000, 1])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
