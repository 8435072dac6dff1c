import numpy as np
x = np.array([1.0, 0.1, 0.0, 10.0])
print(type(np.sum(x)), x[-1], np.argmax(x), np.sum(x) + 1)
seen = []
for i in range(10):
    if i == 0:
        continue
    if i == 0:
        break
    seen.append(i)
print(seen, len(seen))
