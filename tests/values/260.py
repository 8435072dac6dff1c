import numpy as np
x = np.array([42, -8, 1])
c = [np.argmax(x)]
print(c)
print(len(c), type(c))
d = {}
d['acc'] = 12
d['x'] = 0.2
print(d, len(d))
print(list(d.keys()), list(d.values()))
