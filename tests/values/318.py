def scale(x, k=2.25, shift=0):
    return x * k + shift
print(scale(0.3), scale(2, 3), scale(1, shift=100))
print(scale(1.5, k=2, shift=0.5))
a = 12
b = 2
c = 6.02e23
print(b > c != a, 0 <= a <= 100, 1 < 2 < 3, 3 > 2 > 5)
