s = 'b'
t = 'b' + str(1.5) + 'Z'
print(s, t, len(t))
print(s * 1, 'b' in t, 'q' not in t, s + '|' + t)
