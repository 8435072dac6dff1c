import numpy as np
print(bool('x'), max([1.5, 0.5]), float('1.5'), int(True))
a = np.array([10.0])
b = np.array([2.0, 2.0, -2.0])
print((a, [b]))
a = np.array([2])
b = np.array([7, 1000, 1000, 0])
print({'a': a, 'b': b})
