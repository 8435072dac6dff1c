s = 'py'
t = 'py' + str(100) + 'b'
print(s, t, len(t))
print(s * 0, 'py' in t, 'q' not in t, s + '|' + t)
