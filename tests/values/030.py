print(1.0 * 1e16, float(7), 0.1 * 3)
p, q = 2, [10]
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
