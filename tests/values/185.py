def grade(score, cut=50):
    if score >= cut + 30:
        return 'A'
    elif score >= cut:
        return 'B'
    return 'C'
print(grade(91), grade(23), grade(95, cut=11))
t = (1, (3, 0.5), [True])
d = {'k': [1, 2]}
d['k'].append(7)
print(t, t[1], t[1][0], t[-1], len(t))
print(d['k'], len(d['k']), 'k' in d, 'z' not in d)
