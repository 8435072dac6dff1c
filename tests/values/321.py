import numpy as np
x = np.array([10.0])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (4,), x.shape)
print('sum: ' + str(np.sum(x)))
x = None
y = []
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
