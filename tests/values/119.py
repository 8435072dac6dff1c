def scale(x, k=42, shift=0):
    return x * k + shift
print(scale(0.001), scale(2, 3), scale(1, shift=3))
print(scale(1.5, k=2, shift=0.5))
