import numpy as np
network = {}
network['W1'] = np.array([[2], [3], [-2]])
network['b1'] = np.array([0])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
t = (1, (2.25, 100), [False])
d = {'k': [1, 2]}
d['k'].append(None)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
