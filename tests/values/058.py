print('W1', [], False, end='!\n')
n = 7
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print(n if n else 'zero', n % 2 == 0)
s = "it's"
t = "it's" + str(0.0) + 'b2'
print(s, t, len(t))
print(s * 2, "it's" in t, 'q' not in t, s + '|' + t)
