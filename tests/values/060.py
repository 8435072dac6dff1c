r = range(2, 7, 2)
print(list(r), len(r), list(range(3)))
print(range(7), list(range(7, 2, -1)))
