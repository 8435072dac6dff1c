import numpy as np
x = np.array([-8])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (4,), x.shape)
print('sum: ' + str(np.sum(x)))
