a = 3
b = -3
print((a - b) * 3, -a, a + b, abs(a - b))
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(55), grade(64), grade(0, cut=72))
