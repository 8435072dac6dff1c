d = {}
d['W1'] = 0.1
d['acc'] = 'Z'
print(d, len(d))
print(d.items())
