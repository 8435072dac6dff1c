import numpy as np
a = 1
b = 3
print(a % b, (a - b) * 3, -a, a // b)
x = np.array([10.0])
print(int(np.max(x)), bool(np.argmax(x)), x.shape[0], x[0] > 1)
