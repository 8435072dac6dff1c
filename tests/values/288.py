a = 2
b = 3
c = 1
print(a < b, 0 <= a <= 100, a == b, a == a == a)
p, q = -3, 7.125
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
