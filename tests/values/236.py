xs = [7, 2]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
print(isinstance(True, int), type(1) == int, type({}), isinstance((1,), tuple))
