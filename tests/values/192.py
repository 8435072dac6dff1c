import numpy as np
x = np.array([-2.0, 3.25, 0.0, 2.0])
c = (np.max(x),)
print(c)
print(len(c), type(c))
x = np.array([7])
v = x
print(repr(v), str(v))
print([v, v])
