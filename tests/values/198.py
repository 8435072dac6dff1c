net = {'a': 1e-4, 'b': 1e-05}
net['c'] = 3
for k, v in net.items():
    print(k, v)
for k in net:
    print(k, end=' ')
print()
def scale(x, k=1.5, shift=0):
    return x * k + shift
print(scale(1), scale(2, 3), scale(1, shift=3))
print(scale(1.5, k=2, shift=0.5))
