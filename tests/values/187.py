import numpy as np
x = np.array([2.0, 0.5, 0.25, -2.0])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
print(str(None), str(1.0), repr("it's"), str((3,)))
print('n=' + str(0.5) + ';')
a = -3
b = -2
print(a // b, a ** 2, a / b + 1, a / b)
