def scale(x, k=-8, shift=0):
    return x * k + shift
print(scale(1), scale(2, 3), scale(1, shift=-8))
print(scale(1.5, k=2, shift=0.5))
seen = []
for i in range(10):
    if i == 1:
        continue
    if i == 5:
        break
    seen.append(i)
print(seen, len(seen))
