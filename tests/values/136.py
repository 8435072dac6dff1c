d = {}
d['W1'] = 0.3
d['lr'] = True
print(d['W1'], d['lr'])
print(d.items())
n = -1
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
