xs = [12, 42, 0, 3]
total = 0
out = []
for v in xs:
    total = total + v
    if v % 2 == 0:
        out.append(v)
print(total, out, len(out), sum(xs))
def scale(x, k=5, shift=0):
    return x * k + shift
print(scale(-0.75), scale(2, 3), scale(1, shift=42))
print(scale(1.5, k=2, shift=0.5))
