s = "it's"
t = "it's" + str(-0.75) + 'layer'
print(s, t, len(t))
print(s * 2, "it's" in t, 'q' not in t, s + '|' + t)
