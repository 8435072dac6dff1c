r = range(4, 4, 2)
print(list(r), len(r), list(range(5)))
print(range(4), list(range(4, 4, -1)))
