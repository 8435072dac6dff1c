import numpy as np
L = [0.5, -3, 0.001, -0.75]
L.append(0.0)
print(L, len(L), L[0], L[-1])
print([0] * 3, [] + L, L[-2:])
print(0.3, 3, sep='')
x = np.array([-8])
print(x / 2, np.sum(x), np.max(x), np.argmax(x))
