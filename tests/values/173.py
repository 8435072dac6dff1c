import numpy as np
x = np.array([10.0, 1.5, 2.0, 2.0])
c = (x, np.sum(x))
print(c)
print(len(c), type(c))
