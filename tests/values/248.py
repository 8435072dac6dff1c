seen = []
for i in range(10):
    if i == 0:
        continue
    if i == 6:
        break
    seen.append(i)
print(seen, len(seen))
print(1e-5 * 3, 7 / 7, 0.5 ** 10, 0.1 + 0.2, 1e300 * 10)
