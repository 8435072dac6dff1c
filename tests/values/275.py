d = {}
d['lr'] = 0.2
d['W1'] = 0.0
print(d['lr'], d['W1'])
print(list(d.items()))
x = 0
y = 100
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
