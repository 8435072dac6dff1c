print(1 / 3, 0.5 ** 10)
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(50), grade(77), grade(90, cut=31))
a = 123.456
b = 0.3
print(a / b, b ** 0.5, a + b, a * b)
