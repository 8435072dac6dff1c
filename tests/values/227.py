L = [1, 10, 1e-05]
L.append(0.0)
print(L, len(L), L[0], L[-1])
print(1 in L, None not in L)
print(str([1, 'a']), str(2.5e-7), repr("it's"), str(0.1))
print('n=' + str(0.2) + ';')
