a = 42
b = 5
print(-a, (a - b) * 3, a ** 2, b ** 3)
v = 1
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
