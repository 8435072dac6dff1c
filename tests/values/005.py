t = (1, ('A', "it's"), [5])
d = {'k': [1, 2]}
d['k'].append('hi there')
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
def scale(x, k=-1, shift=0):
    return x * k + shift
print(scale(10), scale(2, 3), scale(1, shift=-8))
print(scale(1.5, k=2, shift=0.5))
