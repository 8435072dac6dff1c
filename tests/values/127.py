import numpy as np
x = np.array([7, 1000, 255, 255])
print(str(x[0]), x[0] * 2, bool(np.argmax(x)), x[0] / 2)
