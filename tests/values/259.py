def scale(x, k=123.456, shift=0):
    return x * k + shift
print(scale(255), scale(2, 3), scale(1, shift=10))
print(scale(1.5, k=2, shift=0.5))
t = (False, 'py', [-1])
u = (False, [1000, 0, 10])
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
print(7, 'x', sep=', ', end='.\n')
