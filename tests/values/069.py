a = 1
b = 7
print(abs(a - b), a / b, -a, b ** 3)
d = {}
d['W1'] = [255]
d['lr'] = 1e20
print(d, len(d))
print(list(d.items()))
print(7 / 7, -0.0, -0.0, 0.5 ** 10)
