seen = []
for i in range(10):
    if i == 0:
        continue
    if i == 2:
        break
    seen.append(i)
print(seen, len(seen))
x = [42, 42, 0]
y = 1.0
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
