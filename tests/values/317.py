a = 0
b = 3
print(a % b, b ** 3, a + b * 2, 2 ** b)
L = [2.25, 42, 1]
L.append(1.5)
print(L, len(L), L[0], L[-1])
print([3] in L, None not in L)
