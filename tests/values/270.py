import numpy as np
network = {}
network['W1'] = np.array([[-2.0, 1.5, 3.0]])
network['b1'] = np.array([-8, 7, 42])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
