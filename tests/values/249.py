import numpy as np
x = np.array([5, 5, 255])
c = [x, x[0]]
print(c)
print(len(c), type(c))
