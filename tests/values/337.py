a = 1000
b = 100
c = 123.456
print(b > c != a, a <= b < c, a == b, c > a > b)
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(58), grade(78), grade(81, cut=68))
