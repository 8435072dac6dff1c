d = {}
d['name'] = 7.125
d['b1'] = False
print(d['name'], d['b1'])
print(d.keys())
print(max(2, 7, 5), sum([]), max(range(4)), min([4, 2, 8]))
