xs = [1, 1000, 1000, 10, 1, 7]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
print(int('12'), min([4, 2, 8]), bool('x'), sum([]))
