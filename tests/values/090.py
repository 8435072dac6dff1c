a = -8
b = 4
print(b ** 3, (a - b) * 3, a / b, a + b * 2)
xs = [42, 12, 5]
ys = ['py', 'nn', 'layer']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
