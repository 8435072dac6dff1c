def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(51), grade(36), grade(24, cut=43))
print(bool(2.5), float(True), sum([]), sum([0.1, 0.2]))
print(round(-2.5), round(1.5), round(7, -1))
