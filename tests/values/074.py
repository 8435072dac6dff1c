def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(24), grade(78), grade(11, cut=76))
