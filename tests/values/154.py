import numpy as np
network = {}
network['W1'] = np.array([2.0])
network['b1'] = np.array([100, 1])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
print(round(-0.4), round(3.14159, 2), round(-2.5))
