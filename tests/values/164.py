n = 9007199254740993
print(n, n - 1, n // 7)
p, q = 1e16, 1e-4
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
