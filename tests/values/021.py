print(str(None), str(1.0), repr(1.5), str(1e20))
print('n=' + str(2.5e-7) + ';')
t = (255, False, None)
u = (255,)
print(t, u, t + u, len(t + u))
print(t[0], t[-1], u)
p, q = 1.0, [2, 12]
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
