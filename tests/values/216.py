v = []
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
print(round(2.675, 2), round(0.125, 2), round(3.7))
