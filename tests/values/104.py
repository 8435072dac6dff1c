n = 3 ** 39
print(n, n - 1, n // 7)
xs = [5, 12, 3]
ys = ['py', 'cat', 'hi there']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
