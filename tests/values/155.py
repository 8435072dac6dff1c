L = [123.456, 123.456, 0]
L.append(12)
print(L, len(L), L[0], L[-1])
print(0.3 in L, None not in L)
L = [5, -0.75, 7, 1e-05]
L.append(2)
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
