import numpy as np
network = {}
network['W1'] = np.array([42, -3, 10, 1000, 10])
network['b1'] = np.array([-2.0, 1.5])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
