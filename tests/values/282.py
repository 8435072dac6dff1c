xs = [7, 255, 42]
ys = ['A', 'a', 'A']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
print('cat', None)
