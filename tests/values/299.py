xs = [-3, -3, 0]
ys = ['hi there', '', "it's"]
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
