L = [-1]
L.append(False)
print(L, len(L), L[0], L[-1])
print([0] * 3, [] + L, L[-2:])
print(max(2, 7, 5), bool(0), min(3, 1), bool('x'))
