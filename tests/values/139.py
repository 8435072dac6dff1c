print(str((1, 2)), repr(1.5), str(True), str(()))
print('n=' + str(2) + ';')
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(7), grade(65), grade(5, cut=46))
