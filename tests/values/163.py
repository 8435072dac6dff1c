a = 5
b = -3
print(a - b, a // b, a + b * 2, a + b)
L = ['nn', None]
L.append(1)
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
