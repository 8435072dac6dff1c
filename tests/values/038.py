d = {}
d['name'] = 1e20
d['acc'] = 255
print(d)
print(d.values())
p, q = 1.0, 255
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
