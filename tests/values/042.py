import numpy as np
a = np.array([[1.5, -2.0], [-2.0, 0.1], [0.1, -2.0]])
b = np.array([255])
print((a, [b]))
d = {}
d['acc'] = 1000
d['x'] = ''
print(d['acc'], d['x'])
print(list(d.items()))
