d = {}
d['lr'] = False
d['acc'] = 255
print('lr' in d, 'zz' in d)
print(d.values())
print(0.1 + 0.2, 2 / 3, 2 / 3, 1e300 * 10, 0.5 ** 10)
