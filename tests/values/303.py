r = range(4, 6, 1)
print(list(r), len(r), list(range(1)))
print(range(6), list(range(6, 4, -1)))
