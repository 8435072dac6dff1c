print(min(3, 1), int(-3.9), min([4, 2, 8]), bool(None))
v = 5
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
s = 'dog'
t = 'dog' + str(-2.0) + 'a'
print(s, t, len(t))
print(s * 0, 'dog' in t, 'q' not in t, s + '|' + t)
