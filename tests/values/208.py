s = 'A'
t = 'A' + str(12) + 'x'
print(s, t, len(t))
print(s * 3, 'A' in t, 'q' not in t, s + '|' + t)
