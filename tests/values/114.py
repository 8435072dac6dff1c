import numpy as np
network = {}
network['W1'] = np.array([1.0, 0.0])
network['b1'] = np.array([5, 5, 255, 100, -3])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
