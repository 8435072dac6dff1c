def scale(x, k=1000, shift=0):
    return x * k + shift
print(scale(0), scale(2, 3), scale(1, shift=42))
print(scale(1.5, k=2, shift=0.5))
a = 7
b = 255
c = 0.2
print(a == a == a, 1 < 2 < 3, 0 <= a <= 100, a <= b < c)
