import numpy as np
x = np.array([-8, 2, -3])
print(type(x), x.dtype, type(np.sum(x)), x[-1])
