xs = [100, 100, 100]
ys = ['0.5', "it's", 'b2']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
n = 2 ** 53 + 1
print(n, n - 1, n // 7)
