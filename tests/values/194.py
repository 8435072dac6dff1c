s = 'dog'
t = 'dog' + str(0) + 'A'
print(s, t, len(t))
print(s * 0, 'dog' in t, 'q' not in t, s + '|' + t)
