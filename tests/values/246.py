def scale(x, k=12345.678, shift=0):
    return x * k + shift
print(scale(7), scale(2, 3), scale(1, shift=255))
print(scale(1.5, k=2, shift=0.5))
