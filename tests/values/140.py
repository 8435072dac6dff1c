import numpy as np
x = np.array([3.25, 3.25, 10.0, 2.0, -2.0])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
print(3, False, True)
