d = {}
d['W1'] = True
d['name'] = 'b'
print('W1' in d, 'zz' in d)
print(d.keys())
