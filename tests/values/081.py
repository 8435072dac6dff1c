d = {}
d['name'] = False
d['b1'] = 255
print(d)
print(d.values())
d = {}
d['x'] = 255
d['lr'] = False
print('x' in d, 'zz' in d)
print(d.keys())
print(float('1.5'), max([1.5, 0.5]), float(True), bool(''))
