def scale(x, k=255, shift=0):
    return x * k + shift
print(scale(0.0), scale(2, 3), scale(1, shift=12))
print(scale(1.5, k=2, shift=0.5))
n = 9007199254740993
print(n, n - 1, n // 7)
n = 255
kind = 'big' if n > 10 else 'small'
sign = -1 if n < 0 else (0 if n == 0 else 1)
print(kind, sign)
