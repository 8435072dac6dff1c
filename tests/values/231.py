import numpy as np
def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(27), grade(12), grade(96, cut=16))
a = np.array([2.0, 1.5, 1.5, 1.5, 0.1])
b = np.array([[-2.0], [-2.0], [1.5]])
print({'a': a, 'b': b})
