import numpy as np
network = {}
network['W1'] = np.array([10.0, 0.1, 0.0])
network['b1'] = np.array([3])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
def scale(x, k=1e-4, shift=0):
    return x * k + shift
print(scale(1e-4), scale(2, 3), scale(1, shift=7))
print(scale(1.5, k=2, shift=0.5))
