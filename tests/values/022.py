print(round(1.0), round(3.7), round(2.5))
print(str(2.5e-7), str(1 / 3), str(1e20), str((3,)))
print('n=' + str(2) + ';')
