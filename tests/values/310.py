import numpy as np
x = np.array([[-2], [4], [5]])
print(x.dtype, x[0], type(np.sum(x)), np.sum(x) + 1)
