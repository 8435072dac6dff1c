d = {}
d['b1'] = False
d['name'] = False
print(d['b1'], d['name'])
print(d.values())
