seen = []
for i in range(10):
    if i == 7:
        continue
    if i == 8:
        break
    seen.append(i)
print(seen, len(seen))
