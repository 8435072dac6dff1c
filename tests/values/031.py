t = (1000, 0.1, 'py')
u = ()
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
