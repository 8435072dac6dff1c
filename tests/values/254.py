print(round(2.5), round(0.1, 1), round(2.675, 2))
v = []
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
