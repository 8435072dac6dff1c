x = [7]
y = 0.2
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
d = {}
d['W1'] = 1.5
d['lr'] = [255, 255, 12]
print(d['W1'], d['lr'])
print(list(d.items()))
