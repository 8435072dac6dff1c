import numpy as np
x = np.array([5])
print(np.argmax(x), x.dtype, x, x + 1)
