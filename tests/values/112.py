r = range(4, 6, 2)
print(list(r), len(r), list(range(0)))
print(range(6), list(range(6, 4, -1)))
xs = [100, 3, 100]
ys = ['W1', 'A', 'Z']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
