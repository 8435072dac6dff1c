a = 3
b = -2
print(a / b, a % b, 2 ** b, b ** 3)
v = 1000
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
