def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(68), grade(14), grade(74, cut=15))
n = 3 ** 39
print(n, n - 1, n // 7)
