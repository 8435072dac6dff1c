x = 1000
y = 0.001
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
s = ''
t = '' + str(0.3) + 'A'
print(s, t, len(t))
print(s * 3, '' in t, 'q' not in t, s + '|' + t)
