seen = []
for i in range(10):
    if i == 4:
        continue
    if i == 9:
        break
    seen.append(i)
print(seen, len(seen))
a = 100
b = 7
print(abs(a - b), a - b, a + b, a % b)
