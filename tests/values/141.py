def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(36), grade(92), grade(86, cut=61))
print(False, False, end='')
