x = True
y = 1000
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
L = [255, [42, -8], None, None]
L.append('b2')
print(L, len(L), L[0], L[-1])
print(L + [1, 2], L * 2)
def scale(x, k=7, shift=0):
    return x * k + shift
print(scale(-2.0), scale(2, 3), scale(1, shift=42))
print(scale(1.5, k=2, shift=0.5))
