import numpy as np
network = {}
network['W1'] = np.array([[-2.0, 3.0]])
network['b1'] = np.array([1.5, 2.0])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
x = np.array([1.0, 1.0, 1.5, 1.0, 0.25])
c = {'s': np.sum(x), 'n': len(x)}
print(c)
print(len(c), type(c))
