L = ['cat']
L.append([1000, 10])
print(L, len(L), L[0], L[-1])
print(False in L, None not in L)
