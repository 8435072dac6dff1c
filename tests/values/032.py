import numpy as np
x = np.array([[3.0], [3.0], [-2.0]])
v = np.sum(x)
print(repr(v), str(v))
print([v, v])
