import numpy as np
xs = [10, 1, 2]
ys = ['layer', 'cat', 'dog']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
x = np.array([[3.0, 0.1, 0.1], [3.0, 3.0, 3.0]])
c = {'W': x, 'b': [1, 2]}
print(c)
print(len(c), type(c))
