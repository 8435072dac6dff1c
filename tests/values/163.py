r = range(3, 8, 1)
print(list(r), len(r), list(range(3)))
print(range(8), list(range(8, 3, -1)))
