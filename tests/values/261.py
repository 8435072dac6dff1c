import numpy as np
s = 'py'
t = 'py' + str(5) + ''
print(s, t, len(t))
print(s * 2, 'py' in t, 'q' not in t, s + '|' + t)
x = np.array([12, 1, 5])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (2,), x.shape)
print('sum: ' + str(np.sum(x)))
