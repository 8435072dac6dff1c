r = range(3, 4, 2)
print(list(r), len(r), list(range(3)))
print(range(4), list(range(4, 3, -1)))
