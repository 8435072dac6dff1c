import numpy as np
print(sum([0.1, 0.2]), abs(-3), float(True), min(2.5, 1))
print(type('a'), type(()), isinstance({}, dict), type(range(2)))
network = {}
network['W1'] = np.array([2, 7, 42, 255, 3])
network['b1'] = np.array([[0.1, 1.5, 1.5]])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
