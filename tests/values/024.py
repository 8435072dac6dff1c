import numpy as np
x = np.array([[3.0], [-2.0]])
c = [x, x[0]]
print(c)
print(len(c), type(c))
d = {}
d['name'] = 0.001
d['b1'] = 'W1'
print(d['name'], d['b1'])
print(d.items())
