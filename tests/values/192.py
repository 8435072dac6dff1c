t = (True, False)
u = ()
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
d = {}
d['W1'] = False
d['b1'] = 123.456
print(d)
print(d.values())
