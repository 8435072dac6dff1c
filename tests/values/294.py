a = -3
b = 2
print(a / b + 1, b ** 3, a / b, a - b)
s = 'b'
t = 'b' + str(-0.75) + 'b2'
print(s, t, len(t))
print(s * 2, 'b' in t, 'q' not in t, s + '|' + t)
