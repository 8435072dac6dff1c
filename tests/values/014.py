n = 10 ** 18
print(n, n - 1, n // 7)
s = '0.5'
t = '0.5' + str(0.3) + 'b2'
print(s, t, len(t))
print(s * 3, '0.5' in t, 'q' not in t, s + '|' + t)
print(0.1 + 0.2, 2 / 3)
