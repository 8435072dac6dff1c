import numpy as np
x = np.array([[4, -2, 2], [-5, 8, 1]])
print(np.max(x) * 0.5, type(x), x.ndim, x + 1)
d = {}
d['lr'] = '0.5'
d['b1'] = 1000
print(d)
print(d.values())
