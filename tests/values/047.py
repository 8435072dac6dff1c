p, q = 0.5, 1
p, q = q, p
(m, n) = (1, 2)
print(p, q, m + n)
r, s, w = [1, 'two', 3.0]
print(r, s, w)
print(str(100.0), str(True), str((3,)), str(1.0))
print('n=' + str(1) + ';')
