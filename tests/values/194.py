import numpy as np
x = np.array([3, 5])
c = [np.argmax(x)]
print(c)
print(len(c), type(c))
print(bool(0), int('12'), max(-1, -1.5), min(2.5, 1))
