import numpy as np
x = np.array([10.0])
print(x.shape, np.max(x) * 0.5, x.ndim, len(x))
xs = [-8, 2, 5]
ys = ['hi there', '0.5', 'Z']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
