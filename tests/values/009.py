L = [False, 1.5, -8, False]
L.append('hi there')
print(L, len(L), L[0], L[-1])
print(False in L, None not in L)
