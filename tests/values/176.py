print(2.5e-7, end='!\n')
print(repr("it's"), repr('a'), str(0.1), str(1e20))
print('n=' + str(100.0) + ';')
