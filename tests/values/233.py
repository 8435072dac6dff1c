def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(5), grade(3), grade(92, cut=31))
