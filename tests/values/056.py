import numpy as np
a = np.array([0.1, 10.0, 1.0, 1.0])
b = np.array([[2], [1]])
print({'a': a, 'b': b})
