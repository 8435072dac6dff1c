d = {}
d['x'] = True
d['b1'] = True
print(d)
print(d.values())
