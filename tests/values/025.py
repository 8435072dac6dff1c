import numpy as np
print(type(1.0), type('a'), type(None), type(1) == int)
network = {}
network['W1'] = np.array([0.25, 2.0])
network['b1'] = np.array([[3.0, 1.5, 1.5], [0.1, 0.1, 1.5]])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
print()
