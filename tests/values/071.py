import numpy as np
x = np.array([[-4, 5, 4], [4, 0, 2], [5, 5, 9]])
c = [np.sum(x), np.max(x)]
print(c)
print(len(c), type(c))
print(str(-3), str(()), str(0.1), str((1, 2)))
print('n=' + str(1.0) + ';')
n = 2 ** 62
print(n, n - 1, n // 7)
