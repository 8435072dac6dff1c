r = range(2, 4, 1)
print(list(r), len(r), list(range(4)))
print(range(4), list(range(4, 2, -1)))
