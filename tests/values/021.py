import numpy as np
x = np.array([[3.0, 3.0], [0.1, 0.1]])
c = [x[0]]
print(c)
print(len(c), type(c))
print(bool(None), sum([0.1, 0.2]), int('12'), float(True))
