import numpy as np
x = np.array([0.5, 0.25, -2.0, 0.0])
print(np.argmax(x), type(x), x * 2, np.sum(x) + 1)
x = np.array([2.0, 2.0, 3.25, 0.5, 1.5])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
print(bool(None), sum([]), bool('x'), sum(range(5)))
