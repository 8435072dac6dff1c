import numpy as np
s = 'b'
t = 'b' + str(2) + 'a'
print(s, t, len(t))
print(s * 0, 'b' in t, 'q' not in t, s + '|' + t)
x = np.array([[3.0], [0.1], [3.0]])
acc = 0
for row in x:
    acc = acc + np.sum(row)
print(acc, x.shape == (4,), x.shape)
print('sum: ' + str(np.sum(x)))
