import numpy as np
a = np.array([-3, 1000, -1])
b = np.array([42])
print({'a': a, 'b': b})
