import numpy as np
print(7.125, end='!\n')
x = np.array([0.1])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
