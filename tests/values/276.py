s = 'b2'
t = 'b2' + str(0) + 'py'
print(s, t, len(t))
print(s * 1, 'b2' in t, 'q' not in t, s + '|' + t)
