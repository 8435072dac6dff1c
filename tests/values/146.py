import numpy as np
x = np.array([0.5, 1.5, 1.5])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
v = None
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
