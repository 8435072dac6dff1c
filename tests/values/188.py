import numpy as np
network = {}
network['W1'] = np.array([[1.5]])
network['b1'] = np.array([255, 1000, 100, -1])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
