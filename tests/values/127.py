import numpy as np
network = {}
network['W1'] = np.array([[5], [1], [8]])
network['b1'] = np.array([0.0, 0.1])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
