import numpy as np
x = np.array([-3, -8, 12, 10])
v = x
print(repr(v), str(v))
print([v, v])
