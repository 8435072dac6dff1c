import numpy as np
network = {}
network['W1'] = np.array([1.0, 3.25, 0.1, 0.1, 10.0])
network['b1'] = np.array([2.0, 1.5, 2.0, 2.0, 1.0])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
