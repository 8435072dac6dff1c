print(min([4, 2, 8]), abs(-2.5), int(-3.9), float(True))
d = {}
d['lr'] = '0.5'
d['name'] = 100
print(d['lr'], d['name'])
print(d.keys())
