L = [True]
L.append(7)
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
def scale(x, k=-3, shift=0):
    return x * k + shift
print(scale(7.125), scale(2, 3), scale(1, shift=2))
print(scale(1.5, k=2, shift=0.5))
