v = ''
w = None
print(v is None, v is not None, w is None, v == None)
if v is None:
    print('none')
else:
    print('value', v)
print(abs(True), max(2, 7, 5), sum([0.1, 0.2]), bool([]))
r = range(3, 9, 1)
print(list(r), len(r), list(range(2)))
print(range(9), list(range(9, 3, -1)))
