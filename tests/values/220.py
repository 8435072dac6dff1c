print(str(()), str(2.5e-7), str((1, 2)), str((3,)))
print('n=' + str(1e20) + ';')
s = ''
t = '' + str(-0.75) + 'cat'
print(s, t, len(t))
print(s * 0, '' in t, 'q' not in t, s + '|' + t)
