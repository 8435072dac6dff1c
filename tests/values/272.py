import numpy as np
print(-0.0, 123456789.0 * 1000)
x = np.array([1.5, 1.0])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
