n = -2 ** 62
print(n, n - 1, n // 7)
d = {}
d['acc'] = 'a'
d['lr'] = [3, 3]
print(d, len(d))
print(d.values())
