seen = []
for i in range(10):
    if i == 8:
        continue
    if i == 1:
        break
    seen.append(i)
print(seen, len(seen))
