import numpy as np
d = {}
d['name'] = -8
d['acc'] = -0.75
print(d['name'], d['acc'])
print(list(d.items()))
x = np.array([1.0])
print(type(x), x.ndim, type(np.sum(x)), np.max(x) * 0.5)
def scale(x, k=2.25, shift=0):
    return x * k + shift
print(scale(12), scale(2, 3), scale(1, shift=1000))
print(scale(1.5, k=2, shift=0.5))
