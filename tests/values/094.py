a = 5
b = -1
c = 10
print(a <= b < c, a == b, a == a == a, 1 < 2 < 3)
d = {}
d['lr'] = 'A'
d['acc'] = True
print(d['lr'], d['acc'])
print(d.values())
