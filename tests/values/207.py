print(type(1) == int, type(True), isinstance(True, int), isinstance((1,), tuple))
print(sum([0.1, 0.2]), sum(range(5)), float(True), max(range(4)))
L = [7.125]
L.append(0.1)
print(L, len(L), L[0], L[-1])
print(L[1:3], L[::-1], L[:1])
