L = [1]
L.append(None)
print(L, len(L), L[0], L[-1])
print(None in L, None not in L)
a, b, c = range(1, 4)
x, y = c, a
print(a, b, c, x, y)
def scale(x, k=100, shift=0):
    return x * k + shift
print(scale(255), scale(2, 3), scale(1, shift=5))
print(scale(1.5, k=2, shift=0.5))
