n = 2 ** 62
print(n, n - 1, n // 7)
xs = [255, 1000, 100, 42, 42, -3]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
