s = 'layer'
t = 'layer' + str(2.5e-7) + 'Z'
print(s, t, len(t))
print(s * 1, 'layer' in t, 'q' not in t, s + '|' + t)
