import numpy as np
d = {}
d['name'] = -1
d['x'] = [1, 12]
print(d, len(d))
print(d.items())
x = np.array([[3.0, 1.5]])
v = x
print(repr(v), str(v))
print([v, v])
print(int(True), max(-1, -1.5), sum([1, 2, 3]), int(-3.9))
