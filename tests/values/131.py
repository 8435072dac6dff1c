import numpy as np
xs = [-8, 3, 2]
ys = ['A', '0.5', '0.5']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
a = np.array([0.5, 1.0, 0.1, 3.25])
b = np.array([[-2.0], [3.0], [1.5]])
print([a, b])
