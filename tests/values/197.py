s = "it's"
t = "it's" + str(2.25) + ''
print(s, t, len(t))
print(s * 3, "it's" in t, 'q' not in t, s + '|' + t)
