s = 'a'
t = 'a' + str(3) + 'x'
print(s, t, len(t))
print(s * 3, 'a' in t, 'q' not in t, s + '|' + t)
