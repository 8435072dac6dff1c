import numpy as np
x = np.array([42, 1000, -8])
c = (np.max(x),)
print(c)
print(len(c), type(c))
