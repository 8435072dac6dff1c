n = 3
steps = 0
while n != 1 and steps < 50:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print(n, steps)
print(True, 0.0, 7, 1e16)
print(str(1 / 3), str([1, 'a']), str(None), str((3,)))
print('n=' + str(5) + ';')
