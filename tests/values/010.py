xs = [5, 255, 5, -8, -1]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
L = [123.456, 'py', 1000, True]
L.append(0.3)
print(L, len(L), L[0], L[-1])
print(255 in L, None not in L)
