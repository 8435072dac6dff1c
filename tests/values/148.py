t = (None, 2.25, 0.1)
u = ([255],)
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
def scale(x, k=10, shift=0):
    return x * k + shift
print(scale(2.25), scale(2, 3), scale(1, shift=-8))
print(scale(1.5, k=2, shift=0.5))
