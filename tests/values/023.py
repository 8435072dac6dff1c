import numpy as np
x = np.array([10, 12, 10])
c = (x, np.sum(x))
print(c)
print(len(c), type(c))
r = range(0, 4, 2)
print(list(r), len(r), list(range(2)))
print(range(4), list(range(4, 0, -1)))
