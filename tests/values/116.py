def scale(x, k=-3, shift=0):
    return x * k + shift
print(scale(5), scale(2, 3), scale(1, shift=1000))
print(scale(1.5, k=2, shift=0.5))
print(round(2.675, 2), round(7, -1), round(3.7))
xs = [3, 10, 1]
ys = ['layer', 'x', 'py']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
