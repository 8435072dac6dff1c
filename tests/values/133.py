t = ('W1', 7, -8)
u = (12345.678,)
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
s = 'W1'
t = 'W1' + str(0.0) + 'A'
print(s, t, len(t))
print(s * 3, 'W1' in t, 'q' not in t, s + '|' + t)
