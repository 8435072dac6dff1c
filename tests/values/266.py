import numpy as np
x = np.array([3, 5, 100])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
