import numpy as np
x = np.array([255, 12, 7, 7])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (5,), x.shape)
print('sum: ' + str(np.sum(x)))
