import numpy as np
x = np.array([[2, 5, 4], [1, 4, -5]])
print(x[-1], np.max(x), x + 1, len(x))
