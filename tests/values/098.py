x = [10, -8]
y = 42
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
xs = [255, 255, -8]
ys = ['0.5', 'cat', "it's"]
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
