x = 1000
y = 'a'
print(x and y, x or y, not x, not y)
print(True + True, True * 3, False == 0, 1 == 1.0)
