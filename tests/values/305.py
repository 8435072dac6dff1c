import numpy as np
network = {}
network['W1'] = np.array([[3.0, -2.0], [1.5, 1.5]])
network['b1'] = np.array([12, 0])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
x = np.array([1.0, 10.0, 0.1, 0.0, 0.0])
c = {'W': x, 'b': [1, 2]}
print(c)
print(len(c), type(c))
