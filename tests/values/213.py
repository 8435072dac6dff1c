t = (1, (6.02e23, 0), [1e-05])
d = {'k': [1, 2]}
d['k'].append(100)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
v = None
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
