import numpy as np
network = {}
network['W1'] = np.array([7, -8, 3, 1])
network['b1'] = np.array([12, 1])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
t = (255, -8, 0.3)
u = (1e-4,)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
