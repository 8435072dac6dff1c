v = ''
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
x = None
y = 'b'
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
