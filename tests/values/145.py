xs = [5, 7, 1000, 12]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
s = 'layer'
t = 'layer' + str(-1) + "it's"
print(s, t, len(t))
print(s * 1, 'layer' in t, 'q' not in t, s + '|' + t)
