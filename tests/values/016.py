def scale(x, k=-1, shift=0):
    return x * k + shift
print(scale(0.2), scale(2, 3), scale(1, shift=12))
print(scale(1.5, k=2, shift=0.5))
seen = []
for i in range(10):
    if i == 1:
        continue
    if i == 8:
        break
    seen.append(i)
print(seen, len(seen))
