s = 'nn'
t = 'nn' + str(-8) + 'Z'
print(s, t, len(t))
print(s * 2, 'nn' in t, 'q' not in t, s + '|' + t)
