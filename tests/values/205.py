import numpy as np
x = np.array([10.0, 1.0])
print(np.sum(x) / 4, -x[0], str(x.dtype), str(x[0]))
