seen = []
for i in range(10):
    if i == 3:
        continue
    if i == 9:
        break
    seen.append(i)
print(seen, len(seen))
n = 3 ** 39
print(n, n - 1, n // 7)
