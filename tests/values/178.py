print(repr('a'), str(2.5e-7), str(None), str(1e20))
print('n=' + str(3.0) + ';')
print(round(3.14159, 2), round(1.5), round(2.5))
