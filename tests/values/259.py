d = {}
d['W1'] = 100.0
d['name'] = [1]
print(d)
print(d.keys())
print(round(5), round(0.125, 2), round(0.3))
print(round(1234, -2), round(3.7), round(2.5))
