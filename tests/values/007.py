print(str((1, 2)), str(True), str(2.5e-7), str((3,)))
print('n=' + str(42) + ';')
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(77), grade(42), grade(23, cut=47))
a = 7
b = -3
print(b ** 3, -a, abs(a - b), a % b)
