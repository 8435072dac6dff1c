import numpy as np
x = np.array([[7]])
v = x[0]
print(repr(v), str(v))
print([v, v])
