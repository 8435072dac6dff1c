import numpy as np
x = np.array([0.5, 0.0])
print(x[-1], np.sum(x) + 1, x / 2, x * 2)
network = {}
network['W1'] = np.array([[4], [-5], [0]])
network['b1'] = np.array([[1.5, 3.0, 1.5], [1.5, 3.0, 0.1], [1.5, -2.0, 1.5]])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
