seen = []
for i in range(10):
    if i == 6:
        continue
    if i == 8:
        break
    seen.append(i)
print(seen, len(seen))
print(type(True), isinstance('a', str), isinstance(1, float), type(range(2)))
