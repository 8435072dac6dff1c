n = 2
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
def scale(x, k=1e16, shift=0):
    return x * k + shift
print(scale(0), scale(2, 3), scale(1, shift=1))
print(scale(1.5, k=2, shift=0.5))
