d = {}
d['b1'] = 123.456
d['x'] = True
print(d)
print(d.values())
