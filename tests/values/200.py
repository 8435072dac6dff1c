x = 2
y = 42
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
def scale(x, k=0.5, shift=0):
    return x * k + shift
print(scale(255), scale(2, 3), scale(1, shift=-1))
print(scale(1.5, k=2, shift=0.5))
