print(3.14159 * 2, 123456789.0 * 1000, 100.0 / 7)
xs = [2, 7, 5]
ys = ['A', 'a', 'x']
for i, x in enumerate(xs):
    print(i, x)
for x, y in zip(xs, ys):
    print(x, y, sep=':')
print(list(zip(xs, ys)), list(enumerate(ys)))
s = 'py'
t = 'py' + str(255) + 'Z'
print(s, t, len(t))
print(s * 1, 'py' in t, 'q' not in t, s + '|' + t)
