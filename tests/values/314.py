print(round(1.5), round(-0.4), round(2.675, 2))
s = 'b2'
t = 'b2' + str(1e20) + 'layer'
print(s, t, len(t))
print(s * 2, 'b2' in t, 'q' not in t, s + '|' + t)
