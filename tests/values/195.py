import numpy as np
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(43), grade(10), grade(9, cut=15))
x = np.array([3.25])
print(x + 1, x / 2, x.dtype, x * 2)
