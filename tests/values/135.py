seen = []
for i in range(10):
    if i == 2:
        continue
    if i == 3:
        break
    seen.append(i)
print(seen, len(seen))
