import numpy as np
network = {}
network['W1'] = np.array([[-1], [4]])
network['b1'] = np.array([10, 5])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
