n = 10 ** 18
print(n, n - 1, n // 7)
t = (10, 'py', 2)
u = (-8, 100)
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
