s = 'layer'
t = 'layer' + str(1.5) + 'W1'
print(s, t, len(t))
print(s * 2, 'layer' in t, 'q' not in t, s + '|' + t)
