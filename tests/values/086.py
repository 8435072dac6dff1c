import numpy as np
x = np.array([12])
v = np.argmax(x)
print(repr(v), str(v))
print([v, v])
x = np.array([0.5, 0.1, 10.0, 0.1, 3.25])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
