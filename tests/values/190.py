import numpy as np
x = np.array([[-5], [-1]])
print(round(float(x[0])), str(x[0]), x[0] + x[-1], str(x.dtype))
