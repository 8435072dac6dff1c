t = (6.02e23, [], True)
u = ()
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
p, q = 0.1, None
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
