print(123456789.0 * 1000, -0.0)
n = 2 ** 53 + 1
print(n, n - 1, n // 7)
print(type('a'), type(True), type(1.0), isinstance('a', str))
