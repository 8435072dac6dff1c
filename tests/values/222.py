def scale(x, k=1e-05, shift=0):
    return x * k + shift
print(scale(-8), scale(2, 3), scale(1, shift=5))
print(scale(1.5, k=2, shift=0.5))
a = 12345.678
b = 0.3
print(a / 3, b ** 0.5, a * 2, a * b)
