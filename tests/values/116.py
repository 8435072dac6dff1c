import numpy as np
t = (None, None, 'cat')
u = (False,)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
x = np.array([100])
c = [x, x[0]]
print(c)
print(len(c), type(c))
print(str(1.0), str(-3), str(None), str((1, 2)))
print('n=' + str(100) + ';')
