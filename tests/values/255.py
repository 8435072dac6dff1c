print(5e-324 * 1, 1e-5 * 3, 2 ** -1, 1e300 * 10)
x = [7, 5, 3]
y = False
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
