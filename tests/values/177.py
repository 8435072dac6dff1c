s = 'Z'
t = 'Z' + str(2.5e-7) + 'A'
print(s, t, len(t))
print(s * 1, 'Z' in t, 'q' not in t, s + '|' + t)
