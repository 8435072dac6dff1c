r = range(1, 9, 3)
print(list(r), len(r), list(range(3)))
print(range(9), list(range(9, 1, -1)))
