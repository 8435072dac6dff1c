import numpy as np
xs = [12, -1, -3]
ys = ['cat', 'cat', 'a']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
x = np.array([1.0, 3.25])
print(x, x.shape, type(x[0]), np.max(x) * 0.5)
