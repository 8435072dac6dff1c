a = -3
b = 255
c = 42
print(a == b, 1 < 2 < 3, a != c, c > a > b)
d = {}
d['acc'] = 0
d['lr'] = True
print(d)
print(list(d.keys()), list(d.values()))
