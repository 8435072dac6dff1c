n = 2 ** 62
print(n, n - 1, n // 7)
def scale(x, k=0.0, shift=0):
    return x * k + shift
print(scale(0.5), scale(2, 3), scale(1, shift=2))
print(scale(1.5, k=2, shift=0.5))
s = 'b'
t = 'b' + str(5) + 'cat'
print(s, t, len(t))
print(s * 0, 'b' in t, 'q' not in t, s + '|' + t)
