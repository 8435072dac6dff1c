import numpy as np
x = np.array([1.0, 0.1])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
