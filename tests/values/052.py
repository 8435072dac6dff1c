import numpy as np
print(min([4, 2, 8]), float('1.5'), int(3.7), int(True))
x = np.array([0, 10, 1000, 0])
v = x[0]
print(repr(v), str(v))
print([v, v])
