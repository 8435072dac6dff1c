import numpy as np
x = np.array([42, 100, -3])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
