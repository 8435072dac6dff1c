p, q = 1000, 3
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
a = 3
b = 2
print(a / b, a % b, a - b, 2 ** b)
