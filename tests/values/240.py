import numpy as np
x = np.array([2.0])
v = x
print(repr(v), str(v))
print([v, v])
x = np.array([10.0, 0.5, 1.0])
c = {'s': np.sum(x), 'n': len(x)}
print(c)
print(len(c), type(c))
print(False, 1e20, None)
