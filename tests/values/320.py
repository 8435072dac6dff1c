def scale(x, k=42, shift=0):
    return x * k + shift
print(scale(1), scale(2, 3), scale(1, shift=12))
print(scale(1.5, k=2, shift=0.5))
