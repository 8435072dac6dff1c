def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(58), grade(24), grade(17, cut=32))
print(1000, 0.001, sep=', ', end='.\n')
