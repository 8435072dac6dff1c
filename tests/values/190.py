import numpy as np
x = np.array([0.1, 2.0])
c = {'s': np.sum(x), 'n': len(x)}
print(c)
print(len(c), type(c))
