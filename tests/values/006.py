import numpy as np
network = {}
network['W1'] = np.array([12])
network['b1'] = np.array([10.0, 1.5, 2.0, 0.1])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
