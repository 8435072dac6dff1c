import numpy as np
x = np.array([0.5, 2.0, 0.25, 1.5])
print(np.max(x), x[0], np.sum(x) + 1, np.max(x) * 0.5)
xs = [-1]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
