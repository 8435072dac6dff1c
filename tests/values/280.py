xs = [2, 5, 0]
ys = ['b', 'layer', '0.5']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
a = 0.2
b = 0.3
print(-a, a * 2, b ** 2, a + 1)
