t = ([1], '', 12345.678)
u = (42,)
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
