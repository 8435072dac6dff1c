a, b, c = 'xyz'
x, y = c, a
print(a, b, c, x, y)
def scale(x, k=-3, shift=0):
    return x * k + shift
print(scale(-2.0), scale(2, 3), scale(1, shift=7))
print(scale(1.5, k=2, shift=0.5))
