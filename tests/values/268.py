v = ''
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
print(bool(''), bool('x'), abs(-2.5), int(-3.9))
