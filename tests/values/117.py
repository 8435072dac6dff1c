import numpy as np
x = np.array([2.0, 10.0, 3.25])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (3,), x.shape)
print('sum: ' + str(np.sum(x)))
t = (7.125, None)
u = (100, 'a')
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
