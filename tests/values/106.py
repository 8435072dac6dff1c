import numpy as np
network = {}
network['W1'] = np.array([1.5])
network['b1'] = np.array([[-2.0, -2.0, 1.5], [3.0, 3.0, -2.0]])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
print(7, sep=', ', end='.\n')
print(type([]), type(None), isinstance(1, int), isinstance(1.0, float))
