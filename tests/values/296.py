s = 'layer'
t = 'layer' + str(0.5) + 'nn'
print(s, t, len(t))
print(s * 3, 'layer' in t, 'q' not in t, s + '|' + t)
