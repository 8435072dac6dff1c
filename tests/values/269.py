a, b, c = (0, 2.5, 'c')
x, y = c, a
print(a, b, c, x, y)
def scale(x, k=0.001, shift=0):
    return x * k + shift
print(scale(123.456), scale(2, 3), scale(1, shift=3))
print(scale(1.5, k=2, shift=0.5))
a, b, c = [2, 'b', None]
x, y = c, a
print(a, b, c, x, y)
