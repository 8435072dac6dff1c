import numpy as np
x = np.array([0.0, 10.0, 0.25, 0.5, 0.1])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (5,), x.shape)
print('sum: ' + str(np.sum(x)))
