a = 7
b = -8
c = 1e-05
print(a != c, 0 <= a <= 100, a < b, b > c != a)
d = {}
d['W1'] = 1e20
d['lr'] = 'W1'
print(d, len(d))
print(d.values())
