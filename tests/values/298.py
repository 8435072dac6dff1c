import numpy as np
x = np.array([-3, 7, 1000, 100])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (1,), x.shape)
print('sum: ' + str(np.sum(x)))
x = np.array([1, 1000, -1, 7, 100])
print(x[0], type(x), x.ndim, x.dtype)
print(type(range(2)), isinstance((1,), tuple), isinstance('a', str), isinstance(1, int))
