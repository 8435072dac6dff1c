seen = []
for i in range(10):
    if i == 3:
        continue
    if i == 5:
        break
    seen.append(i)
print(seen, len(seen))
