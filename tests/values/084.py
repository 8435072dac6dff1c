print('nn', True, end='')
s = 'dog'
t = 'dog' + str(3) + 'Z'
print(s, t, len(t))
print(s * 0, 'dog' in t, 'q' not in t, s + '|' + t)
