a = 1e-05
b = 2.5
print(a / b, a / 3, a * b * 1.5, -a)
v = []
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
