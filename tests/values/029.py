s = 'py'
t = 'py' + str(1.0) + 'A'
print(s, t, len(t))
print(s * 2, 'py' in t, 'q' not in t, s + '|' + t)
