def scale(x, k=12, shift=0):
    return x * k + shift
print(scale(-3), scale(2, 3), scale(1, shift=1))
print(scale(1.5, k=2, shift=0.5))
print(round(7, -1), round(12345.678), round(0.125, 2))
