s = "it's"
t = "it's" + str(123.456) + 'hi there'
print(s, t, len(t))
print(s * 3, "it's" in t, 'q' not in t, s + '|' + t)
