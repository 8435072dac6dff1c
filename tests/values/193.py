x = True
y = "it's"
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
s = '0.5'
t = '0.5' + str(-8) + 'dog'
print(s, t, len(t))
print(s * 3, '0.5' in t, 'q' not in t, s + '|' + t)
