print(round(1e16, 1), round(0.2), round(3.7))
xs = [-8, 3]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
a = 1
b = -2
print(a // b, abs(a - b), -a, a / b + 1)
