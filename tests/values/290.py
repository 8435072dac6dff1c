seen = []
for i in range(10):
    if i == 4:
        continue
    if i == 0:
        break
    seen.append(i)
print(seen, len(seen))
