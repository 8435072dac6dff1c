xs = [-1, 5, 2]
ys = ['nn', 'nn', 'b2']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
a = 6.02e23
b = 0.3
print(a * 2, b ** 2, b ** 0.5, 1 / b)
