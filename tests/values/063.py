L = [[42, -8], None, None]
L.append('b2')
print(L, len(L), L[0], L[-1])
print(L + [1, 2], L * 2)
L = [255]
L.append(False)
print(L, len(L), L[0], L[-1])
print([0] * 3, [] + L, L[-2:])
