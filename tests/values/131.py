import numpy as np
network = {}
network['W1'] = np.array([-1, 0, -1, 1000, 12])
network['b1'] = np.array([[1.5], [3.0], [0.1]])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
print(type(None), type(1), isinstance([], list), type(True))
