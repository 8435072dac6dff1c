import numpy as np
x = np.array([0, 0, -3, 3])
print(np.max(x) * 0.5, x / 2, np.sum(x), len(x))
