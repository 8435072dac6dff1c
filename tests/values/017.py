import numpy as np
x = np.array([7, 42, 1000, 1000])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
print(isinstance(True, int), type(True), isinstance((1,), tuple), type(None))
