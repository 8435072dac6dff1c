import numpy as np
network = {}
network['W1'] = np.array([10, 10, 7, -3])
network['b1'] = np.array([0, 2])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
