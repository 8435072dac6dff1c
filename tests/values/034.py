L = [False, 3]
L.append('A')
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
