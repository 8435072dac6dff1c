import numpy as np
network = {}
network['W1'] = np.array([-1, 7, 42])
network['b1'] = np.array([[3, 4, -5], [1, 3, 7]])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
x = np.array([0.25, 0.25, 0.25, 1.0])
print(x + 1, len(x), np.max(x) * 0.5, np.sum(x) + 1)
