L = [123.456, 1e16, [1, 100, 255]]
L.append(None)
print(L, len(L), L[0], L[-1])
print([0] * 3, [] + L, L[-2:])
