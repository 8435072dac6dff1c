import numpy as np
x = np.array([1.5, 10.0])
print(np.max(x) - np.sum(x), x[0] * 2, x.shape[0], x[0] + x[-1])
L = [0, [10], 12, '0.5']
L.append([7])
print(L, len(L), L[0], L[-1])
print(L + [1, 2], L * 2)
