x = 42
y = 100
print(x and y, x or y, not x, not y)
print(bool(x), bool(y))
s = 'Z'
t = 'Z' + str(-0.75) + 'hi there'
print(s, t, len(t))
print(s * 3, 'Z' in t, 'q' not in t, s + '|' + t)
n = 12
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
