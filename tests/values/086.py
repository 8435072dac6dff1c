import numpy as np
network = {}
network['W1'] = np.array([[0.1, 1.5]])
network['b1'] = np.array([0.0, 10.0, -2.0, 10.0, 0.0])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
t = ([5, 7, 3], -8)
u = ()
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
