import numpy as np
x = np.array([[1.5, 3.0]])
print(x / 2, len(x), x.ndim, np.sum(x) + 1)
x = np.array([12, -1])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
