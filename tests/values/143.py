r = range(2, 8, 3)
print(list(r), len(r), list(range(0)))
print(range(8), list(range(8, 2, -1)))
