a = 10
b = 7
print(a % b, a + b, -a, (a - b) * 3)
s = 'a'
t = 'a' + str(1e-4) + '0.5'
print(s, t, len(t))
print(s * 3, 'a' in t, 'q' not in t, s + '|' + t)
