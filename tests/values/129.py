xs = [1, 3, 1000, 10, -1, -3]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
n = 2 ** 62
print(n, n - 1, n // 7)
