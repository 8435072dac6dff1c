v = []
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
a, b, c = range(1, 4)
x, y = c, a
print(a, b, c, x, y)
