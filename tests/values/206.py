import numpy as np
L = ['A', True, 1000]
L.append(1.0)
print(L, len(L), L[0], L[-1])
print(L + [1, 2], L * 2)
x = np.array([1])
print(bool(np.argmax(x)), int(np.max(x)), x.shape[0], x[0] + x[-1])
