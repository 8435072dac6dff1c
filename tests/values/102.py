n = 1
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
print('py', [], sep='\t')
t = (1, (False, '0.5'), [100])
d = {'k': [1, 2]}
d['k'].append([3])
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
