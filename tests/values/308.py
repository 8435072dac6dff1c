xs = [10, -1]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
a = 1000
b = 7
print(abs(a - b), a - b, a / b + 1, a + b * 2)
print(2 ** 0.5, 0.5 ** 10)
