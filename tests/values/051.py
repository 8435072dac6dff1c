import numpy as np
x = np.array([[3], [-4]])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (4,), x.shape)
print('sum: ' + str(np.sum(x)))
x = np.array([0.25, 0.5, 3.25])
v = x[0]
print(repr(v), str(v))
print([v, v])
