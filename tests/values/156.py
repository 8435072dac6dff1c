print(0.1 + 0.2, 1e300 * 10, 0.1 + 0.2)
xs = [-1, 7, 0]
ys = ['layer', 'py', 'cat']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
a = 12
b = 4
print(a - b, a / b, a + b, abs(a - b))
