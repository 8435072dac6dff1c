import numpy as np
x = np.array([5, 3])
print(str(x[0]), x.shape[0], int(np.max(x)), np.max(x) - np.sum(x))
