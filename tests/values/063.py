import numpy as np
print(1.0 * 1e16, 1e-5 * 3, 1e-5 * 3)
network = {}
network['W1'] = np.array([-2.0, 0.0, 1.5, -2.0])
network['b1'] = np.array([1000, -8])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
r = range(2, 8, 3)
print(list(r), len(r), list(range(5)))
print(range(8), list(range(8, 2, -1)))
