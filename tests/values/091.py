L = [255, False, [2, 7], 'nn']
L.append(True)
print(L, len(L), L[0], L[-1])
print(0.3 in L, None not in L)
