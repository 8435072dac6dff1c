print(1e-5 * 3, -0.0, 5e-324 * 1, 1e300 * 10, 1.0 * 1e16)
def scale(x, k=0, shift=0):
    return x * k + shift
print(scale(123.456), scale(2, 3), scale(1, shift=-8))
print(scale(1.5, k=2, shift=0.5))
s = 'layer'
t = 'layer' + str(5) + 'nn'
print(s, t, len(t))
print(s * 1, 'layer' in t, 'q' not in t, s + '|' + t)
