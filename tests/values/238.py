import numpy as np
print(round(-0.4), round(1234, -2), round(-2.5))
x = np.array([-8, 7, 42])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (2,), x.shape)
print('sum: ' + str(np.sum(x)))
x = np.array([0.0, 1.0, 0.25])
print(x[0], np.argmax(x), type(x), np.sum(x))
