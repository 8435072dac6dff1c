xs = [10, 7, 1]
ys = ['layer', '', '0.5']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
print(1000, "it's", 42, end='')
