print(str((3,)), str([0.1, None]), str([1, 'a']), repr('a'))
print('n=' + str(1) + ';')
a = 6.02e23
b = -1.5
print(a + 1, a * b * 1.5, a / 3, -a)
t = ([255, 42, -8], False, True)
u = (7.125, [])
print(t, u, t + u, len(t + u))
print(t == u, t == t, t + (1,) == t, () == ())
