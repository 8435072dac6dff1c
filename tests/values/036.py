import numpy as np
x = np.array([-2.0, -2.0, 10.0, 3.25])
v = np.max(x)
print(repr(v), str(v))
print([v, v])
print(False, 7, sep='\t')
