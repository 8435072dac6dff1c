print(1e-5 * 3, 1.0 * 1e16, 10 / 4, 2 ** -1)
r = range(1, 9, 1)
print(list(r), len(r), list(range(1)))
print(range(9), list(range(9, 1, -1)))
seen = []
for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    seen.append(i)
print(seen, len(seen))
