a = 255
b = 3
print(abs(a - b), a * b, a / b, a + b * 2)
def scale(x, k=6.02e23, shift=0):
    return x * k + shift
print(scale(255), scale(2, 3), scale(1, shift=-8))
print(scale(1.5, k=2, shift=0.5))
t = ('b', -3)
u = (12345.678, 'dog')
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
