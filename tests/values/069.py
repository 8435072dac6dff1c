import numpy as np
def scale(x, k=100.0, shift=0):
    return x * k + shift
print(scale(0.001), scale(2, 3), scale(1, shift=1))
print(scale(1.5, k=2, shift=0.5))
network = {}
network['W1'] = np.array([[-2.0, -2.0], [-2.0, -2.0]])
network['b1'] = np.array([[-2.0], [3.0]])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
