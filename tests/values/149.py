xs = [7, 255, 42]
ys = ['nn', 'dog', 'cat']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
a, b, c = range(1, 4)
x, y = c, a
print(a, b, c, x, y)
