s = 'cat'
t = 'cat' + str(-3) + 'b2'
print(s, t, len(t))
print(s * 2, 'cat' in t, 'q' not in t, s + '|' + t)
