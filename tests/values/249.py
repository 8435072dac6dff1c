import numpy as np
network = {}
network['W1'] = np.array([-1])
network['b1'] = np.array([3.25, 0.25])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
print(isinstance({}, dict), isinstance(1.5, (int, float)), isinstance((1,), tuple), type(2.0) is float)
