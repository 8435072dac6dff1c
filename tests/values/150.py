x = 2
y = 'nn'
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
xs = [1, 2, 255, -8, 0]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
