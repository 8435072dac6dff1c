n = 23
steps = 0
while n != 1 and steps < 50:
    if n % 2 == 0:
        n = n // 2
    else:
        n = 3 * n + 1
    steps += 1
print(n, steps)
