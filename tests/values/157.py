import numpy as np
x = np.array([[-5, 4, 7], [2, 7, 2]])
print(np.max(x) * 0.5, np.argmax(x), x / 2, type(x))
L = [None, 0.1, 'dog']
L.append(None)
print(L, len(L), L[0], L[-1])
print(L + [1, 2], L * 2)
