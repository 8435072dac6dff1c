import numpy as np
x = np.array([0.0, 0.25])
print(str(x[0]), round(float(x[0])), np.max(x) - np.sum(x), x[0] == x[0])
