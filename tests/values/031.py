import numpy as np
x = np.array([10, 42, 0])
c = [x, x[0]]
print(c)
print(len(c), type(c))
print()
network = {}
network['W1'] = np.array([-1, 255, 1000])
network['b1'] = np.array([5, 1])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
