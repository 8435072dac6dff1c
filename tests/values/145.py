import numpy as np
x = np.array([-8, 1, 7, 7])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (2,), x.shape)
print('sum: ' + str(np.sum(x)))
print(isinstance(1.5, (int, float)), type([]), isinstance('a', str), isinstance(True, int))
