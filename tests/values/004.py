import numpy as np
a = np.array([3, -3])
b = np.array([255, 5, -3, 255])
print((a, [b]))
L = [False, False, 1.5]
L.append(-8)
print(L, len(L), L[0], L[-1])
print([0] * 3, [] + L, L[-2:])
