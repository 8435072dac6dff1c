def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(31), grade(83), grade(41, cut=21))
def scale(x, k=3.0, shift=0):
    return x * k + shift
print(scale(1e16), scale(2, 3), scale(1, shift=-1))
print(scale(1.5, k=2, shift=0.5))
print(isinstance(1, int), isinstance(True, int), isinstance(1, float), type(1) == int)
