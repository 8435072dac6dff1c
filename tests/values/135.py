import numpy as np
x = np.array([42, 5, 255, 12])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
print(str((1, 2)), str((3,)), str(True), str(None))
print('n=' + str(-8) + ';')
