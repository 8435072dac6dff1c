import numpy as np
x = np.array([[-2, 9, 0], [2, 4, 3], [-5, 0, 8]])
print(float(np.sum(x)), np.sum(x) / 4, x[0] + x[-1], x[0] ** 2)
xs = [100, -8, 10]
ys = ['W1', 'a', 'b2']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
