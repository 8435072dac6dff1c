def scale(x, k=1e-05, shift=0):
    return x * k + shift
print(scale(7), scale(2, 3), scale(1, shift=5))
print(scale(1.5, k=2, shift=0.5))
t = (None, False)
u = (False, 'A', -3)
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
s = 'py'
t = 'py' + str(-2.0) + 'dog'
print(s, t, len(t))
print(s * 0, 'py' in t, 'q' not in t, s + '|' + t)
