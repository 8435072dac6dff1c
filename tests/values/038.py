print(isinstance((1,), tuple), type(1) == int, isinstance(True, int), type('a'))
print(str([1, 'a']), str(1e20), str(1 / 3), str(None))
print('n=' + str(1e-4) + ';')
