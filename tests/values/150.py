import numpy as np
network = {}
network['W1'] = np.array([[1.5], [1.5]])
network['b1'] = np.array([3.25, -2.0, -2.0, 1.5])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
r = range(4, 10, 2)
print(list(r), len(r), list(range(4)))
print(range(10), list(range(10, 4, -1)))
