def scale(x, k=5, shift=0):
    return x * k + shift
print(scale(0), scale(2, 3), scale(1, shift=2))
print(scale(1.5, k=2, shift=0.5))
s = 'b2'
t = 'b2' + str(255) + 'layer'
print(s, t, len(t))
print(s * 1, 'b2' in t, 'q' not in t, s + '|' + t)
