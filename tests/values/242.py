import numpy as np
x = np.array([-1, 2, 255])
c = [np.argmax(x)]
print(c)
print(len(c), type(c))
x = np.array([[0.1, 3.0, 3.0], [0.1, 0.1, 0.1]])
print(type(np.sum(x)), type(x[0]), x / 2, type(x))
L = [10, None, 100]
L.append(None)
print(L, len(L), L[0], L[-1])
print([0] * 3, [] + L, L[-2:])
