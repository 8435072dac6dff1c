import numpy as np
x = np.array([0.0, 3.25, 0.1, 1.5])
c = {'W': x, 'b': [1, 2]}
print(c)
print(len(c), type(c))
