xs = [10]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
def scale(x, k=100.0, shift=0):
    return x * k + shift
print(scale(100), scale(2, 3), scale(1, shift=255))
print(scale(1.5, k=2, shift=0.5))
