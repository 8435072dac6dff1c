s = 'cat'
t = 'cat' + str(0.001) + ''
print(s, t, len(t))
print(s * 0, 'cat' in t, 'q' not in t, s + '|' + t)
