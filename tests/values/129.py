s = 'W1'
t = 'W1' + str(2.5e-7) + 'b'
print(s, t, len(t))
print(s * 3, 'W1' in t, 'q' not in t, s + '|' + t)
def scale(x, k=1e-4, shift=0):
    return x * k + shift
print(scale(0.1), scale(2, 3), scale(1, shift=-1))
print(scale(1.5, k=2, shift=0.5))
