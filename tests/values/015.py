def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(12), grade(18), grade(32, cut=76))
r = range(4, 10, 1)
print(list(r), len(r), list(range(0)))
print(range(10), list(range(10, 4, -1)))
