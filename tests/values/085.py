print(float(7), 100.0 / 7, 1e-5 * 3, 5e-324 * 1, 2 / 3)
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(54), grade(37), grade(3, cut=52))
a = 100
b = -3
c = 1
print(1 < 2 < 3, a >= c, a == a == a, b > c != a)
