def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(34), grade(54), grade(39, cut=44))
