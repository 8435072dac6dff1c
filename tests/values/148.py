s = '0.5'
t = '0.5' + str(5) + 'hi there'
print(s, t, len(t))
print(s * 1, '0.5' in t, 'q' not in t, s + '|' + t)
xs = [1000, 2, 1]
ys = ['W1', 'b2', 'hi there']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
print(isinstance((1,), tuple), type(2.0) is float, isinstance(True, int), type([]))
