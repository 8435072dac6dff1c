import numpy as np
t = (-0.75, 12345.678, 255)
u = (False, 'b')
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
network = {}
network['W1'] = np.array([7])
network['b1'] = np.array([0.1, 0.5, 3.25, 0.1, 0.25])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network)
print(int('12'), abs(-3), abs(-2.5), max(2, 7, 5))
