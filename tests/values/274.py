v = []
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
print(3.14159 * 2, 1.1 + 2.2)
a = -1
b = 16
print(abs(a - b), 2 ** b, a / b + 1, a + b * 2)
