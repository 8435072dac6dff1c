import numpy as np
network = {}
network['W1'] = np.array([-3])
network['b1'] = np.array([0])
for key in network.keys():
    print(key, network[key].shape, network[key].dtype)
print(network['W1'], network['b1'])
s = ''
t = '' + str(-2.0) + 'nn'
print(s, t, len(t))
print(s * 2, '' in t, 'q' not in t, s + '|' + t)
print(round(7, -1), round(-2.5), round(3.7))
