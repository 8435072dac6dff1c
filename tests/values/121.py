print(str(2.5e-7), str(True), str((1, 2)), str(-3))
print('n=' + str(-2.0) + ';')
seen = []
for i in range(10):
    if i == 8:
        continue
    if i == 0:
        break
    seen.append(i)
print(seen, len(seen))
