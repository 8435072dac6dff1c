print(min([4, 2, 8]), sum([]), float(2), bool('x'))
s = 'hi there'
t = 'hi there' + str(1.0) + 'py'
print(s, t, len(t))
print(s * 3, 'hi there' in t, 'q' not in t, s + '|' + t)
