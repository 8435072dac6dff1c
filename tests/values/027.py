s = "it's"
t = "it's" + str(42) + 'dog'
print(s, t, len(t))
print(s * 2, "it's" in t, 'q' not in t, s + '|' + t)
r = range(2, 6, 2)
print(list(r), len(r), list(range(5)))
print(range(6), list(range(6, 2, -1)))
