a = 3.0
b = 0.1
print(a * b * 1.5, a + b, a / b, a * b)
x = 255
y = 'dog'
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
d = {}
d['lr'] = -1
d['acc'] = 1
print(d['lr'], d['acc'])
print(d.items())
