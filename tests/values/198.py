d = {}
d['b1'] = ''
d['W1'] = 12345.678
print(d, len(d))
print(d.keys())
