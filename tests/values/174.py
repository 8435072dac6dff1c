print(True, -2.0, 100, end='!\n')
L = [False]
L.append(3)
print(L, len(L), L[0], L[-1])
print(None in L, None not in L)
