d = {}
d['x'] = -8
d['lr'] = 3
print(d['x'], d['lr'])
print(d.keys())
