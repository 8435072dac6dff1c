r = range(2, 4, 3)
print(list(r), len(r), list(range(4)))
print(range(4), list(range(4, 2, -1)))
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(65), grade(45), grade(15, cut=57))
