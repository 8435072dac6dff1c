seen = []
for i in range(10):
    if i == 6:
        continue
    if i == 5:
        break
    seen.append(i)
print(seen, len(seen))
r = range(0, 7, 3)
print(list(r), len(r), list(range(4)))
print(range(7), list(range(7, 0, -1)))
