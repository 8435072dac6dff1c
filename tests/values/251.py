seen = []
for i in range(10):
    if i == 9:
        continue
    if i == 7:
        break
    seen.append(i)
print(seen, len(seen))
