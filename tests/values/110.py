d = {}
d['name'] = 'W1'
d['W1'] = []
print(d)
print(d.items())
