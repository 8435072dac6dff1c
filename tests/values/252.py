t = (0, True, 12)
u = (100.0,)
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
x = 3
y = 'cat'
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
