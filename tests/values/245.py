s = 'a'
t = 'a' + str(42) + "it's"
print(s, t, len(t))
print(s * 0, 'a' in t, 'q' not in t, s + '|' + t)
