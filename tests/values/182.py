def scale(x, k=1e16, shift=0):
    return x * k + shift
print(scale(12345.678), scale(2, 3), scale(1, shift=2))
print(scale(1.5, k=2, shift=0.5))
p, q = 0, 10
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
