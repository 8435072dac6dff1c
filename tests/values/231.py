import numpy as np
x = np.array([10.0, -2.0])
c = {'W': x, 'b': [1, 2]}
print(c)
print(len(c), type(c))
L = [-3]
L.append('hi there')
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
print(int(True), min(3, 1), abs(-3), bool('x'))
