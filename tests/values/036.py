n = 2 ** 53 + 1
print(n, n - 1, n // 7)
print(int(True), min(2.5, 1), bool(''), bool(2.5))
