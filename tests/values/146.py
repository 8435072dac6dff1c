r = range(0, 1, 2)
print(list(r), len(r), list(range(1)))
print(range(1), list(range(1, 0, -1)))
