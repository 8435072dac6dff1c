import numpy as np
network = {}
network['W1'] = np.array([0.25, -2.0])
network['b1'] = np.array([7])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
print(str(2.5e-7), str(1e20), str(100.0), str(-3))
print('n=' + str(3) + ';')
