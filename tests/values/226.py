print(max(2, 7, 5), float(True), max(range(4)), abs(True))
print(str([1, 'a']), str(1.0), str(0.1), repr(1.5))
print('n=' + str(1000) + ';')
