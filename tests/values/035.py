def scale(x, k=0, shift=0):
    return x * k + shift
print(scale(0.001), scale(2, 3), scale(1, shift=1))
print(scale(1.5, k=2, shift=0.5))
v = 12
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
